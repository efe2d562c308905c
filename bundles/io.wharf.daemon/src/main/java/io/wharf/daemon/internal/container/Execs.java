package io.wharf.daemon.internal.container;

import io.wharf.api.container.ExecConfig;
import io.wharf.api.container.ExecDetails;
import io.wharf.api.container.OutputSink;
import io.wharf.api.container.StdStream;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.runtime.Capabilities;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.DockerDefaults;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.RuntimeStartException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Processes run in running containers ({@code docker exec}), from creation to their exit code. */
final class Execs {
    private final EngineContainerService service;
    private final Map<String, Exec> execs = new ConcurrentHashMap<>();
    private final ContainerNames ids = new ContainerNames();

    /** One exec; fields guarded by its monitor. */
    static final class Exec {
        final String id;
        final Container container;
        final ExecConfig config;
        boolean started;
        boolean running;
        Integer exitCode;
        int pid;
        ExecProcess process;
        int[] pendingSize;

        Exec(String id, Container container, ExecConfig config) {
            this.id = id;
            this.container = container;
            this.config = config;
        }
    }

    Execs(EngineContainerService service) {
        this.service = service;
    }

    String create(Container c, ExecConfig config) {
        checkRunning(c);
        if (config.cmd() == null || config.cmd().isEmpty()) {
            throw new InvalidArgumentException("No exec command specified");
        }
        DetachKeys.parse(config.detachKeys());
        String id = ids.newId();
        execs.put(id, new Exec(id, c, config));
        synchronized (c) {
            c.execIds.add(id);
        }
        service.publish(c, "exec_create: " + String.join(" ", config.cmd()), Map.of("execID", id));
        return id;
    }

    private static void checkRunning(Container c) {
        String st = c.status();
        if (st.equals("paused")) {
            throw new ConflictException("Container " + c.id + " is paused, unpause the container before exec");
        }
        if (!st.equals("running")) {
            throw new ConflictException("Container " + c.id + " is not running");
        }
    }

    Exec get(String id) {
        Exec e = execs.get(id);
        if (e == null) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return e;
    }

    void start(String execId, boolean detach, boolean tty, InputStream stdin, OutputSink out) {
        Exec e = get(execId);
        Container c = e.container;
        synchronized (e) {
            if (e.started) {
                throw new ConflictException("Exec " + execId + " is already running");
            }
            e.started = true;
        }
        checkRunning(c);
        ExecConfig cfg = e.config;
        ContainerRuntime runtime = service.runtime(c);
        ExecProcess p;
        try {
            ProcessSpec spec = processSpec(c, cfg);
            p = runtime.exec(c.id, execId, spec, new IoConfig(cfg.tty(), cfg.attachStdin() && !detach, true, c.dir,
                    null, 0));
        } catch (RuntimeStartException ex) {
            synchronized (e) {
                e.exitCode = RuntimeStartException.COMMAND_NOT_EXECUTABLE;
            }
            service.publish(c, "exec_die", Map.of("execID", execId, "exitCode", "126"));
            throw ex;
        }
        int[] size;
        synchronized (e) {
            e.process = p;
            e.running = true;
            e.pid = p.pid();
            size = e.pendingSize;
        }
        if (size != null) {
            resize(execId, size[0], size[1]);
        }
        service.publish(c, "exec_start: " + String.join(" ", cfg.cmd()), Map.of("execID", execId));
        if (detach) {
            p.exited().whenComplete((s, f) -> finished(e, s, f));
            return;
        }
        StreamPump.run(p.stdio(), cfg.attachStdin() ? stdin : null, out, cfg.attachStdout(),
                cfg.attachStderr() && !cfg.tty(), DetachKeys.parse(cfg.detachKeys()), true, service.threads());
        try {
            ExitStatus s = p.exited().toCompletableFuture().get(30, TimeUnit.SECONDS);
            finished(e, s, null);
        } catch (Exception ex) {
            finished(e, null, ex);
        }
    }

    private void finished(Exec e, ExitStatus s, Throwable failure) {
        int code = s == null ? 126 : s.exitCode();
        synchronized (e) {
            if (!e.running) {
                return;
            }
            e.running = false;
            e.exitCode = code;
        }
        service.publish(e.container, "exec_die", Map.of("execID", e.id, "exitCode", Integer.toString(code)));
    }

    ProcessSpec processSpec(Container c, ExecConfig cfg) {
        List<String> env = new ArrayList<>();
        if (c.config.env().stream().noneMatch(v -> v.startsWith("PATH="))) {
            env.add(DockerDefaults.PATH);
        }
        env.add("HOSTNAME=" + SpecFactory.hostname(c));
        env.addAll(c.config.env());
        if (cfg.tty()) {
            env.add("TERM=xterm");
        }
        if (cfg.env() != null) {
            env.addAll(cfg.env());
        }
        String user = cfg.user() == null || cfg.user().isEmpty() ? c.config.user() : cfg.user();
        ProcessSpec.User u;
        // A running container's files are seen through its main process, as the container sees them; mounting the
        // layer once more for this costs the storage driver's bookkeeping (fsyncs) on every exec and health check.
        int pid = service.pid(c);
        Path procRoot = Path.of("/proc", Integer.toString(pid), "root");
        boolean mounted = pid <= 0 || !Files.isDirectory(procRoot.resolve("etc"));
        Path root = mounted ? service.layers().mount(c.id) : procRoot;
        try {
            u = UserLookup.resolve(root, user, c.hostConfig.groupAdd());
        } catch (UserLookup.UnknownUserException ex) {
            throw new RuntimeStartException(ex.getMessage(), 126);
        } finally {
            if (mounted) {
                service.layers().unmount(c.id);
            }
        }
        java.util.Set<String> caps = cfg.privileged() ? DockerDefaults.ALL_CAPABILITIES : SpecFactory.capabilities(c.hostConfig);
        String cwd = cfg.workingDir() == null || cfg.workingDir().isEmpty() ? c.config.workingDir() : cfg.workingDir();
        boolean nnp = SpecFactory.list(c.hostConfig.securityOpt()).stream()
                .anyMatch(o -> o.equals("no-new-privileges") || o.equals("no-new-privileges:true")
                        || o.equals("no-new-privileges=true"));
        ProcessSpec.ConsoleSize console = cfg.consoleSize() != null && cfg.consoleSize().length == 2
                && cfg.consoleSize()[0] > 0 ? new ProcessSpec.ConsoleSize(cfg.consoleSize()[0], cfg.consoleSize()[1])
                : null;
        return new ProcessSpec(cfg.cmd(), env, cwd, u, cfg.tty(), console, Capabilities.of(caps), nnp, List.of(),
                null, null, null);
    }

    /** Runs a probe (health check) to its end with a bounded wait; returns exit code and output. */
    ProbeResult probe(Container c, List<String> cmd, long timeoutMillis) {
        String id = ids.newId();
        ExecConfig cfg = new ExecConfig(false, true, true, null, false, List.of(), cmd, false, null, null, null);
        ExecProcess p = service.runtime(c).exec(c.id, id, processSpec(c, cfg), new IoConfig(false, false, true, c.dir,
                null, 0));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        OutputSink sink = (stream, data, off, len) -> {
            synchronized (buf) {
                if (buf.size() < 4096) {
                    buf.write(data, off, Math.min(len, 4096 - buf.size()));
                }
            }
        };
        var pump = service.threads().submit(() -> StreamPump.run(p.stdio(), null, sink, true, true,
                DetachKeys.DEFAULT, false, service.threads()));
        try {
            ExitStatus s = p.exited().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
            pump.get(5, TimeUnit.SECONDS);
            synchronized (buf) {
                return new ProbeResult(s.exitCode(), buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.util.concurrent.TimeoutException ex) {
            p.stdio().close();
            return new ProbeResult(-1, "Health check exceeded timeout (" + timeoutMillis / 1000.0 + "s)");
        } catch (Exception ex) {
            return new ProbeResult(-1, ex.getMessage());
        }
    }

    record ProbeResult(int exitCode, String output) {
    }

    void resize(String execId, int height, int width) {
        Exec e = get(execId);
        ExecProcess p;
        synchronized (e) {
            p = e.process;
            if (p == null) {
                e.pendingSize = new int[] {height, width};
                return;
            }
            if (!e.running) {
                throw new ConflictException("Exec " + execId + " is not running");
            }
        }
        service.runtime(e.container).resizeExec(e.container.id, execId, height, width);
    }

    ExecDetails inspect(String execId) {
        Exec e = get(execId);
        ExecConfig cfg = e.config;
        synchronized (e) {
            List<String> cmd = cfg.cmd();
            return new ExecDetails(e.id, e.running, e.exitCode, cfg.attachStdin(), cfg.attachStderr(),
                    cfg.attachStdout(), false, e.container.id, cfg.detachKeys() == null ? "" : cfg.detachKeys(),
                    e.pid, cfg.tty(), cmd.get(0), cmd.subList(1, cmd.size()), cfg.privileged(),
                    cfg.user() == null ? "" : cfg.user(), cfg.workingDir() == null ? "" : cfg.workingDir());
        }
    }

    void containerExited(Container c) {
        for (Exec e : execs.values()) {
            if (e.container == c) {
                synchronized (e) {
                    if (e.running) {
                        e.running = false;
                        if (e.exitCode == null) {
                            e.exitCode = 137;
                        }
                    }
                }
            }
        }
    }

    void containerRemoved(Container c) {
        execs.values().removeIf(e -> e.container == c);
    }

    /** Writes an error to the client's stream, as dockerd does once the stream is hijacked. */
    static void report(OutputSink out, String message) {
        try {
            byte[] b = (message + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(StdStream.STDERR, b, 0, b.length);
            out.flush();
        } catch (java.io.IOException ignored) {
            // the client is gone
        }
    }
}
