package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.ContainerStats;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import io.wharf.api.runtime.RuntimeDescription;
import io.wharf.api.runtime.RuntimeState;
import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * One OCI runtime binary (runc, crun, ...) driven through conmon. Every container has its bundle directory with
 * conmon's pid files, the runtime keeps its own state under {@code --root}, and conmon writes the exit code to a
 * file: everything needed to find a container again lives on disk.
 */
public final class OciRuntime implements ContainerRuntime, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OciRuntime.class.getName());
    private static final long CREATE_TIMEOUT_MILLIS = 60_000;

    private final String name;
    private final Path binary;
    private volatile Described described;
    private final List<String> runtimeArgs;
    private final Path conmon;
    private final RuntimeLayout layout;
    /** Built off the start-up thread: a cold Jackson costs a good part of the daemon's start. */
    private final java.util.concurrent.CompletableFuture<ObjectMapper> mapperFuture =
            java.util.concurrent.CompletableFuture.supplyAsync(ObjectMapper::new, runnable -> {
                Thread t = new Thread(runnable, "wharf-runtime-json-init");
                t.setDaemon(true);
                t.start();
            });
    private volatile OciConfig ociConfigInstance;
    private final HostLimits hostLimits = HostLimits.ofThisProcess();
    private final HostCapabilities hostCapabilities = HostCapabilities.ofThisProcess();
    private final CommandRunner runner = new CommandRunner(60);
    private final CgroupFiles cgroups = CgroupFiles.host();
    private final DirectoryEvents events;
    private final ExitWatcher exits;
    private final ConmonControl control;
    /** runc: a created container is started through its exec FIFO rather than by another runc process. */
    private final boolean releasesByFifo;

    public OciRuntime(String name, Path binary, List<String> runtimeArgs, Path conmon, Path execRoot, Path dataRoot) {
        if (!Files.isExecutable(binary)) {
            throw new InvalidArgumentException("runtime " + name + ": " + binary + " is not an executable file");
        }
        if (!Files.isExecutable(conmon)) {
            throw new InvalidArgumentException("runtime " + name + ": conmon not found at " + conmon);
        }
        this.name = name;
        this.binary = binary;
        this.runtimeArgs = List.copyOf(runtimeArgs);
        this.conmon = conmon;
        this.layout = RuntimeLayout.of(execRoot, dataRoot, name);
        this.control = new ConmonControl(layout);
        // Only runc's layout is known here; any other runtime (crun among them) is asked to start.
        this.releasesByFifo = binary.getFileName().toString().equals("runc");
        this.events = new DirectoryEvents("wharf-runtime-files-" + name);
        this.exits = new ExitWatcher(name, new ExitWatcher.Probe() {
            @Override
            public Optional<ExitStatus> exitStatus(String id) {
                return OciRuntime.this.exitStatus(id);
            }

            @Override
            public boolean gone(String id) {
                return !Files.isDirectory(layout.bundle(id));
            }

            @Override
            public Optional<ExitStatus> lostMonitor(String id) {
                return OciRuntime.this.lostMonitor(id);
            }
        }, events, layout.exitDir());
    }

    String name() {
        return name;
    }

    RuntimeLayout layout() {
        return layout;
    }

    // ---------------------------------------------------------------- create and start

    @Override
    public void create(ContainerSpec spec, IoConfig io) {
        String id = spec.id();
        if (!RuntimeLayout.validId(id)) {
            throw new InvalidArgumentException("invalid container ID: " + id);
        }
        if (io.logPath() == null) {
            throw new InvalidArgumentException("a log path is required: conmon writes the container's output there");
        }
        Path bundle = layout.bundle(id);
        layout.createDirectories();
        try {
            Files.createDirectory(bundle);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ConflictException("container " + id + " already exists in runtime " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean created = false;
        try {
            ObjectNode config = ociConfig().config(spec);
            writeVolatile(layout.config(id), mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
            ObjectNode ioNode = mapper().createObjectNode();
            ioNode.put("tty", io.tty());
            ioNode.put("openStdin", io.openStdin());
            ioNode.put("stdinOnce", io.stdinOnce());
            ioNode.put("logPath", io.logPath().toString());
            writeVolatile(layout.ioFile(id), mapper().writeValueAsBytes(ioNode));
            Files.createDirectories(layout.persistDir(id));
            Files.createDirectories(io.logPath().toAbsolutePath().getParent());
            launchConmon(spec, io);
            created = true;
        } catch (IOException e) {
            throw new WharfException("cannot create container " + id + ": " + e.getMessage(), e);
        } finally {
            if (!created && !Files.exists(layout.exitFile(id))) {
                removeFiles(id);
            }
        }
    }

    private void launchConmon(ContainerSpec spec, IoConfig io) throws IOException {
        String id = spec.id();
        List<String> cmd = new ArrayList<>(List.of(conmon.toString(), "--api-version", "1",
                "-c", id, "-u", id, "-n", spec.name() == null || spec.name().isEmpty() ? id : spec.name(),
                "-r", binary.toString(), "-b", layout.bundle(id).toString(),
                "-p", layout.containerPidFile(id).toString(), "-P", layout.conmonPidFile(id).toString(),
                "--exit-dir", layout.exitDir().toString(), "--persist-dir", layout.persistDir(id).toString(),
                "-l", "k8s-file:" + io.logPath().toAbsolutePath(),
                "--socket-dir-path", layout.socketDir().toString(), "--log-level", "error"));
        if (io.logSizeMax() > 0) {
            cmd.addAll(List.of("--log-size-max", Long.toString(io.logSizeMax())));
        }
        if (io.tty()) {
            cmd.add("-t");
        }
        if (io.openStdin()) {
            cmd.add("-i");
            if (!io.stdinOnce()) {
                cmd.add("--leave-stdin-open");
            }
        }
        for (String arg : runtimeBaseArgs(id)) {
            cmd.add("--runtime-arg");
            cmd.add(arg);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // conmon writes relative files (the v1 oom marker) to its working directory: keep them in the bundle.
        pb.directory(layout.bundle(id).toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.conmonOutput(id).toFile()));
        pb.redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("_OCI_") || k.equals("NOTIFY_SOCKET"));
        Process launcher = pb.start();
        try {
            // conmon forks its monitor and exits at once; the monitor carries on in its own session.
            if (!launcher.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                throw new WharfException("conmon did not detach within 30s");
            }
            if (launcher.exitValue() != 0) {
                throw new WharfException("conmon failed: " + Files.readString(layout.conmonOutput(id)).strip());
            }
            awaitCreated(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("interrupted while creating " + id, e);
        }
    }

    /**
     * Waits until the runtime has written the container's pid file (created) or conmon has gone (failed). conmon's
     * sync pipe would tell us the same, but a JVM cannot hand a child an extra file descriptor. The bundle
     * directory is watched, so the pid file is seen as soon as the runtime renames it into place; the short
     * timed wait only serves to notice a conmon that died without a word.
     */
    private void awaitCreated(String id) throws InterruptedException {
        java.util.concurrent.Semaphore changed = new java.util.concurrent.Semaphore(0);
        DirectoryEvents.Subscription watch;
        try {
            watch = events.watch(layout.bundle(id), changed::release);
        } catch (IOException e) {
            watch = () -> { };
        }
        try (DirectoryEvents.Subscription w = watch) {
            awaitCreated(id, changed);
        }
    }

    private void awaitCreated(String id, java.util.concurrent.Semaphore changed) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CREATE_TIMEOUT_MILLIS;
        OptionalInt conmonPid = OptionalInt.empty();
        while (System.currentTimeMillis() < deadline) {
            if (Processes.readPid(layout.containerPidFile(id)).isPresent()) {
                return;
            }
            if (conmonPid.isEmpty()) {
                conmonPid = Processes.readPid(layout.conmonPidFile(id));
            }
            if (conmonPid.isPresent() && !Processes.alive(conmonPid.getAsInt(), null)) {
                if (Processes.readPid(layout.containerPidFile(id)).isPresent()) {
                    return;
                }
                String message = StartErrors.lastError(mapper(), layout.runtimeLog(id));
                if (message.isEmpty()) {
                    message = readQuietly(layout.conmonOutput(id));
                }
                var error = StartErrors.translate("create", message);
                recordFailure(id, error.exitCode());
                runner.run(runtime("delete", "--force", id));
                throw error;
            }
            if (changed.tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                changed.drainPermits();
            }
        }
        conmonPid.ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        runner.run(runtime("delete", "--force", id));
        throw new WharfException("runtime " + name + " did not create container " + id + " within "
                + CREATE_TIMEOUT_MILLIS / 1000 + "s");
    }

    /** A container whose process never ran is "exited" with dockerd's code, like any other stopped container. */
    private void recordFailure(String id, int exitCode) {
        try {
            writeAtomically(layout.exitFile(id), Integer.toString(exitCode).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(String id) {
        if (!createdByFiles(id)) {
            RuntimeState st = state(id);
            if (st.status() != RuntimeState.Status.CREATED) {
                throw new ConflictException("container " + id + " is " + st.status().name().toLowerCase()
                        + ", not created");
            }
        }
        Path fifo = layout.stateDir().resolve(id).resolve(ExecFifo.NAME);
        if (releasesByFifo && Files.exists(fifo)) {
            try {
                ExecFifo.release(fifo, () -> Processes.readPid(layout.containerPidFile(id))
                        .stream().anyMatch(pid -> Processes.alive(pid, null)), CREATE_TIMEOUT_MILLIS);
            } catch (IllegalStateException e) {
                String message = StartErrors.lastError(mapper(), layout.runtimeLog(id));
                throw StartErrors.translate("start", message.isEmpty() ? e.getMessage() : message);
            }
        } else {
            CommandRunner.Result r = runner.run(runtime("start", id));
            if (!r.ok()) {
                String message = StartErrors.lastError(mapper(), layout.runtimeLog(id));
                throw StartErrors.translate("start", message.isEmpty() ? r.message() : message);
            }
        }
        try {
            writeVolatile(layout.startedFile(id), Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the files alone show the container created and not yet started: its pid file written, no start
     * recorded, no exit, its monitor alive. Saves asking the runtime ({@code state} is a process spawn) on the
     * path of every start; anything else is decided by the runtime.
     */
    private boolean createdByFiles(String id) {
        requireKnown(id);
        return !Files.exists(layout.startedFile(id)) && Processes.readPid(layout.containerPidFile(id)).isPresent()
                && exitStatus(id).isEmpty() && conmonAlive(id);
    }

    /** Whether the files alone show the container started and not exited, with its monitor alive. */
    private boolean runningByFiles(String id) {
        requireKnown(id);
        return Files.exists(layout.startedFile(id)) && exitStatus(id).isEmpty() && conmonAlive(id);
    }

    // ---------------------------------------------------------------- signals and state

    @Override
    public void kill(String id, int signal, boolean all) {
        // An exit on file settles it; otherwise the runtime's own answer to kill does, without a state call first.
        requireKnown(id);
        if (exitStatus(id).isPresent()) {
            throw new ConflictException("Container " + id + " is not running");
        }
        if ((!all || signal == io.wharf.linux.Processes.SIGKILL && ownPidNamespace(id))
                && signalledDirectly(id, signal)) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) {
            args.add("--all");
        }
        args.add(id);
        args.add(Integer.toString(signal));
        CommandRunner.Result r = runner.run(runtime(args.toArray(String[]::new)));
        if (!r.ok()) {
            if (state(id).status() == RuntimeState.Status.STOPPED) {
                throw new ConflictException("Container " + id + " is not running");
            }
            throw new WharfException("cannot kill container " + id + ": " + r.message());
        }
    }

    @Override
    public void pause(String id) {
        RuntimeState st = state(id);
        if (st.status() == RuntimeState.Status.PAUSED) {
            throw new ConflictException("Container " + id + " is already paused");
        }
        if (st.status() != RuntimeState.Status.RUNNING) {
            throw new ConflictException("Container " + id + " is not running");
        }
        check(runner.run(runtime("pause", id)), "pause", id);
    }

    @Override
    public void resume(String id) {
        if (state(id).status() != RuntimeState.Status.PAUSED) {
            throw new ConflictException("Container " + id + " is not paused");
        }
        check(runner.run(runtime("resume", id)), "resume", id);
    }

    @Override
    public RuntimeState state(String id) {
        requireKnown(id);
        Optional<ExitStatus> exit = exitStatus(id);
        Instant started = startedAt(id);
        if (exit.isPresent()) {
            ExitStatus e = exit.get();
            return new RuntimeState(RuntimeState.Status.STOPPED, 0, e.exitCode(), started, e.finishedAt(),
                    e.oomKilled());
        }
        CommandRunner.Result r = runner.run(runtime("state", id));
        if (r.ok()) {
            try {
                JsonNode node = mapper().readTree(r.stdout());
                RuntimeState.Status status = switch (node.path("status").asText()) {
                    case "created", "creating" -> RuntimeState.Status.CREATED;
                    case "running" -> RuntimeState.Status.RUNNING;
                    case "paused", "pausing" -> RuntimeState.Status.PAUSED;
                    default -> RuntimeState.Status.STOPPED;
                };
                if (status != RuntimeState.Status.STOPPED) {
                    return new RuntimeState(status, node.path("pid").asInt(0), null, started, null, false);
                }
            } catch (IOException e) {
                throw new WharfException("cannot read the state of " + id + ": " + e.getMessage(), e);
            }
        }
        // Stopped, but conmon may still be writing the exit file: give it a moment before reporting no code.
        Optional<ExitStatus> late = awaitExitFile(id, 5_000);
        if (late.isPresent()) {
            ExitStatus e = late.get();
            return new RuntimeState(RuntimeState.Status.STOPPED, 0, e.exitCode(), started, e.finishedAt(),
                    e.oomKilled());
        }
        return new RuntimeState(RuntimeState.Status.STOPPED, 0, null, started, null, false);
    }

    private Optional<ExitStatus> awaitExitFile(String id, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            Optional<ExitStatus> e = exitStatus(id);
            if (e.isPresent() || !conmonAlive(id) || System.currentTimeMillis() > deadline) {
                return e.isPresent() ? e : exitStatus(id);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Signals the container's init as {@code runc kill} would, without a runtime process: when its PID is on
     * file and conmon, which reaps it, is still its parent (so the PID cannot have been recycled). SIGKILL to
     * an init with a PID namespace of its own takes every process of the container with it.
     */
    private boolean signalledDirectly(String id, int signal) {
        OptionalInt pid = Processes.readPid(layout.containerPidFile(id));
        OptionalInt monitor = Processes.readPid(layout.conmonPidFile(id));
        if (pid.isEmpty() || monitor.isEmpty() || !Processes.parent(pid.getAsInt()).equals(monitor)
                || !Files.exists(layout.startedFile(id))) {
            return false;
        }
        try {
            io.wharf.linux.Processes.kill(pid.getAsInt(), signal);
            return true;
        } catch (io.wharf.linux.LinuxException e) {
            return false; // gone meanwhile: the runtime's answer settles it
        }
    }

    private boolean ownPidNamespace(String id) {
        try {
            for (com.fasterxml.jackson.databind.JsonNode ns : mapper().readTree(layout.config(id).toFile())
                    .path("linux").path("namespaces")) {
                if (ns.path("type").asText().equals("pid")) {
                    return ns.path("path").asText("").isEmpty();
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The exit status conmon recorded, from the exit directory or, after a reboot, the persist directory. */
    Optional<ExitStatus> exitStatus(String id) {
        for (Path file : List.of(layout.exitFile(id), layout.persistedExitFile(id))) {
            try {
                String text = Files.readString(file).strip();
                if (text.isEmpty()) {
                    continue;
                }
                Instant finished = Files.getLastModifiedTime(file).toInstant();
                boolean oom = Files.exists(layout.oomFile(id)) || Files.exists(layout.bundle(id).resolve("oom"));
                return Optional.of(new ExitStatus(Integer.parseInt(text), finished, oom));
            } catch (IOException | NumberFormatException e) {
                // not written yet
            }
        }
        return Optional.empty();
    }

    /**
     * conmon died (killed, OOM, a crash) without recording an exit code. If the container's process is gone too,
     * record 255 as dockerd does for a container whose exit it could not learn; if it still runs, it is orphaned
     * and we keep waiting.
     */
    Optional<ExitStatus> lostMonitor(String id) {
        OptionalInt pid = Processes.readPid(layout.conmonPidFile(id));
        if (pid.isEmpty() || Processes.alive(pid.getAsInt(), id) || !Files.exists(layout.config(id))) {
            return Optional.empty();
        }
        Optional<ExitStatus> recorded = exitStatus(id);
        if (recorded.isPresent()) {
            return recorded;
        }
        CommandRunner.Result r = runner.run(runtime("state", id));
        if (r.ok() && !r.stdout().contains("\"stopped\"")) {
            return Optional.empty();
        }
        recordFailure(id, 255);
        return exitStatus(id);
    }

    private Instant startedAt(String id) {
        try {
            return Instant.parse(Files.readString(layout.startedFile(id)).strip());
        } catch (IOException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private boolean conmonAlive(String id) {
        OptionalInt pid = Processes.readPid(layout.conmonPidFile(id));
        return pid.isPresent() && Processes.alive(pid.getAsInt(), id);
    }

    @Override
    public CompletionStage<ExitStatus> exited(String id) {
        requireKnown(id);
        return exits.watch(id);
    }

    // ---------------------------------------------------------------- delete

    @Override
    public void delete(String id) {
        if (!RuntimeLayout.validId(id)) {
            return;
        }
        if (!Files.exists(layout.bundle(id)) && !Files.exists(layout.persistDir(id))
                && !Files.exists(layout.exitFile(id))) {
            return;
        }
        // --force kills a running or paused container; conmon then records its exit and goes away. The runtime
        // keeps a directory per container under its root: without one there is nothing for it to delete.
        if (Files.exists(layout.stateDir().resolve(id)) && !removedStoppedWithoutRuntime(id)) {
            runner.run(runtime("delete", "--force", id));
        }
        OptionalInt pid = Processes.readPid(layout.conmonPidFile(id));
        if (pid.isPresent()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (Processes.alive(pid.getAsInt(), id) && System.currentTimeMillis() < deadline) {
                sleep(2);
            }
            if (Processes.alive(pid.getAsInt(), id)) {
                ProcessHandle.of(pid.getAsInt()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        // Once more only if the first left the runtime's state behind (a container still being created).
        if (Files.exists(layout.stateDir().resolve(id))) {
            runner.run(runtime("delete", "--force", id));
        }
        removeFiles(id);
        exits.forget(id);
    }

    /**
     * A runc container whose exit is recorded has no process left (its init's exit took its PID namespace's
     * others with it): its cgroups and runc's state directory are removed here rather than by a runc process.
     */
    private boolean removedStoppedWithoutRuntime(String id) {
        if (!releasesByFifo || exitStatus(id).isEmpty()) {
            return false;
        }
        try {
            return StoppedRuncState.remove(layout.stateDir().resolve(id), cgroupsPath(id));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "runc state of " + id + " left to runc: " + e.getMessage());
            return false;
        }
    }

    private void removeFiles(String id) {
        deleteTree(layout.bundle(id));
        deleteTree(layout.persistDir(id));
        try {
            Files.deleteIfExists(layout.exitFile(id));
            Files.deleteIfExists(layout.socketDir().resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- resources

    @Override
    public void update(String id, Resources resources) {
        requireKnown(id);
        Path file = layout.bundle(id).resolve("update.json");
        try {
            writeAtomically(file, mapper().writeValueAsBytes(ociConfig().resources(resources, null)));
            check(runner.run(runtime("update", "--resources=" + file, id)), "update", id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ContainerStats stats(String id) {
        return cgroups.stats(cgroupsPath(id));
    }

    @Override
    public List<Integer> pids(String id) {
        return cgroups.pids(cgroupsPath(id));
    }

    private String cgroupsPath(String id) {
        requireKnown(id);
        try {
            return mapper().readTree(layout.config(id).toFile()).path("linux").path("cgroupsPath").asText();
        } catch (IOException e) {
            throw new WharfException("cannot read the config of " + id + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- exec and stdio

    @Override
    public ExecProcess exec(String id, String execId, ProcessSpec process, IoConfig io) {
        if (!runningByFiles(id) && state(id).status() != RuntimeState.Status.RUNNING) {
            throw new ConflictException("Container " + id + " is not running");
        }
        if (!RuntimeLayout.validId(execId)) {
            throw new InvalidArgumentException("invalid exec ID: " + execId);
        }
        return ConmonExec.start(this, conmon, binary, runtimeArgs, id, execId, ociConfig().process(process), io);
    }

    /** The command line of the runtime binary with its global options. */
    List<String> runtime(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(runtimeArgs);
        cmd.add("--root=" + layout.stateDir());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private List<String> runtimeBaseArgs(String id) {
        List<String> args = new ArrayList<>(runtimeArgs);
        args.add("--root=" + layout.stateDir());
        args.add("--log-format=json");
        args.add("--log=" + layout.runtimeLog(id));
        return args;
    }

    ObjectMapper mapper() {
        return mapperFuture.join();
    }

    private OciConfig ociConfig() {
        OciConfig c = ociConfigInstance;
        if (c == null) {
            c = new OciConfig(mapper(), hostLimits, hostCapabilities);
            ociConfigInstance = c;
        }
        return c;
    }

    @Override
    public StdioConnection attach(String id) {
        requireKnown(id);
        boolean openStdin;
        try {
            openStdin = mapper().readTree(layout.ioFile(id).toFile()).path("openStdin").asBoolean(false);
        } catch (IOException e) {
            openStdin = false;
        }
        return control.attach(id, openStdin);
    }

    @Override
    public void resize(String id, int height, int width) {
        requireKnown(id);
        control.resize(id, height, width);
    }

    @Override
    public void resizeExec(String id, String execId, int height, int width) {
        requireKnown(id);
        if (!RuntimeLayout.validId(execId)) {
            throw new NotFoundException("No such exec instance: " + execId);
        }
        control.resizeExec(id, execId, height, width);
    }

    @Override
    public List<String> list() {
        if (!Files.isDirectory(layout.execDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(layout.execDir())) {
            return dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.exists(d.resolve("config.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RuntimeDescription describe() {
        // Asked on every /info and /version: run "--version" again only when the binary changed.
        long stamp = modified(binary);
        Described d = described;
        if (d == null || d.stamp != stamp) {
            d = new Described(stamp, new RuntimeDescription(name, binary.toString(), probeVersion(), runtimeArgs));
            described = d;
        }
        return d.description;
    }

    private record Described(long stamp, RuntimeDescription description) {
    }

    private static long modified(Path file) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private String probeVersion() {
        CommandRunner.Result r = runner.run(List.of(binary.toString(), "--version"));
        for (String line : r.stdout().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("version")) {
                return words[2];
            }
        }
        return "";
    }

    @Override
    public void close() {
        exits.close();
        events.close();
    }

    // ---------------------------------------------------------------- helpers

    void requireKnown(String id) {
        if (!RuntimeLayout.validId(id) || !Files.exists(layout.config(id))) {
            throw new NotFoundException("No such container: " + id);
        }
    }

    private static void check(CommandRunner.Result r, String what, String id) {
        if (!r.ok()) {
            throw new WharfException("cannot " + what + " container " + id + ": " + r.message());
        }
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        io.wharf.linux.files.AtomicFiles.write(file, content);
    }

    /**
     * Like {@link #writeAtomically} but without fsync, for files under the exec root: that is a tmpfs wiped at boot
     * (or treated as such), so what a crash of the host could lose is gone after it anyway, while the rename still
     * keeps a crash of the daemon from leaving half a file.
     */
    static void writeVolatile(Path file, byte[] content) throws IOException {
        io.wharf.linux.files.AtomicFiles.replace(file, content);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
