package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.LastErrorException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.StdioConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An exec run by its own conmon ({@code --exec}), which gives it a terminal when asked, a log, an attach socket
 * and an exit code. conmon's handshake uses inherited pipes ({@code _OCI_STARTPIPE}, {@code _OCI_ATTACHPIPE},
 * {@code _OCI_SYNCPIPE}); a JVM cannot pass extra descriptors to a child, so they are named FIFOs that
 * {@code /bin/sh} opens on descriptors 3 to 5 before it becomes conmon. We open our ends read-write, which
 * never blocks on a FIFO.
 *
 * <p>The handshake: conmon waits for a first start message, sets up the attach socket and says so on the attach
 * pipe; we connect and send a second start message, upon which it runs the runtime's exec. The sync pipe then
 * carries the process's PID and, at the end, its exit code.
 */
final class ConmonExec implements ExecProcess {
    private static final int FIFO_MODE = 0600;
    private static final long HANDSHAKE_SECONDS = 30;

    private final Path dir;
    private final AttachConnection stdio;
    private final int pid;
    private final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();

    private ConmonExec(Path dir, AttachConnection stdio, int pid) {
        this.dir = dir;
        this.stdio = stdio;
        this.pid = pid;
    }

    static ConmonExec start(OciRuntime runtime, Path conmon, Path binary, List<String> runtimeArgs, String id,
            String execId, ObjectNode process, IoConfig io) {
        RuntimeLayout layout = runtime.layout();
        Path dir = layout.bundle(id).resolve("exec").resolve(execId);
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new io.wharf.api.errors.ConflictException("exec " + execId + " already exists");
        } catch (IOException e) {
            throw new WharfException("cannot prepare exec " + execId + ": " + e.getMessage(), e);
        }
        boolean tty = process.path("terminal").asBoolean(false);
        Path spec = dir.resolve("process.json");
        Path startFifo = dir.resolve("start");
        Path attachFifo = dir.resolve("attachpipe");
        Path syncFifo = dir.resolve("sync");
        FileChannel start = null;
        FileChannel attach = null;
        FileChannel sync = null;
        try {
            OciRuntime.writeVolatile(spec, runtime.mapper().writeValueAsBytes(process));
            for (Path fifo : List.of(startFifo, attachFifo, syncFifo)) {
                LibC.INSTANCE.mkfifo(fifo.toString(), FIFO_MODE);
            }
            start = FileChannel.open(startFifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
            attach = FileChannel.open(attachFifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
            sync = FileChannel.open(syncFifo, StandardOpenOption.READ, StandardOpenOption.WRITE);

            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                    "exec 3<>\"$1\" 4<>\"$2\" 5<>\"$3\"; shift 3; exec \"$@\"", "sh",
                    startFifo.toString(), attachFifo.toString(), syncFifo.toString(),
                    conmon.toString(), "--api-version", "1", "-c", id, "-u", execId, "-n", execId,
                    "-r", binary.toString(), "-b", dir.toString(), "-p", dir.resolve("pid").toString(),
                    "-P", dir.resolve("conmon.pid").toString(),
                    "-e", "--exec-process-spec", spec.toString(), "--exec-attach",
                    "--exit-dir", dir.toString(), "-l", "k8s-file:" + dir.resolve("output.log"),
                    "--socket-dir-path", layout.socketDir().toString(), "--log-level", "error"));
            if (tty) {
                cmd.add("-t");
            }
            if (io.openStdin()) {
                cmd.add("-i");
            }
            for (String arg : runtimeArgs) {
                cmd.add("--runtime-arg");
                cmd.add(arg);
            }
            cmd.add("--runtime-arg");
            cmd.add("--root=" + layout.stateDir());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            pb.environment().put("_OCI_STARTPIPE", "3");
            pb.environment().put("_OCI_ATTACHPIPE", "4");
            pb.environment().put("_OCI_SYNCPIPE", "5");
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("conmon.out").toFile()));
            pb.redirectErrorStream(true);
            Process launcher = pb.start();

            BufferedReader attachMessages = reader(attach);
            BufferedReader syncMessages = reader(sync);
            start.write(java.nio.ByteBuffer.wrap("0\n".getBytes(StandardCharsets.US_ASCII)));
            JsonNode ready = readMessage(runtime, attachMessages, launcher, dir);
            if (ready.path("data").asInt(-1) != 0) {
                throw new WharfException("conmon refused the exec: " + ready);
            }
            AttachConnection connection = new AttachConnection(dir.resolve("attach"), io.openStdin());
            start.write(java.nio.ByteBuffer.wrap("0\n".getBytes(StandardCharsets.US_ASCII)));
            JsonNode started = readMessage(runtime, syncMessages, launcher, dir);
            int pid = started.path("data").asInt(-1);
            if (pid <= 0) {
                connection.close();
                String message = started.path("message").asText("");
                throw StartErrors.translate("exec", message.isEmpty() ? started.toString() : message);
            }
            ConmonExec exec = new ConmonExec(dir, connection, pid);
            FileChannel startEnd = start;
            FileChannel attachEnd = attach;
            FileChannel syncEnd = sync;
            Thread waiter = new Thread(() -> exec.awaitExit(runtime, syncMessages, List.of(startEnd, attachEnd,
                    syncEnd)), "wharf-exec-" + execId.substring(0, Math.min(12, execId.length())));
            waiter.setDaemon(true);
            waiter.start();
            exec.watchMonitor(dir.resolve("conmon.pid"), execId, List.of(startEnd, attachEnd, syncEnd), false);
            start = null;
            attach = null;
            sync = null;
            return exec;
        } catch (IOException | LastErrorException e) {
            throw new WharfException("cannot exec in container " + id + ": " + e.getMessage(), e);
        } finally {
            for (FileChannel ch : new FileChannel[] {start, attach, sync}) {
                closeQuietly(ch);
            }
        }
    }

    private static BufferedReader reader(FileChannel channel) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /**
     * Reads one handshake message. A read from a FIFO we hold open for writing never ends by itself, so it runs
     * on another thread and gives up when conmon has gone or the time is up.
     */
    private static JsonNode readMessage(OciRuntime runtime, BufferedReader in, Process launcher, Path dir)
            throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String text = line.get(HANDSHAKE_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                throw new IOException("conmon closed its pipe");
            }
            return runtime.mapper().readTree(text);
        } catch (java.util.concurrent.TimeoutException e) {
            launcher.destroyForcibly();
            throw new IOException("conmon did not answer within " + HANDSHAKE_SECONDS + "s: "
                    + readQuietly(dir.resolve("conmon.out")));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The sync pipe never ends by itself (we hold its write end): should conmon die without a last word, close
     * our ends so the waiting read ends too. Checked every second; one more second of grace once it is gone.
     */
    private void watchMonitor(Path conmonPidFile, String execId, List<FileChannel> channels, boolean gone) {
        if (exited.isDone()) {
            return;
        }
        java.util.OptionalInt conmonPid = Processes.readPid(conmonPidFile);
        boolean dead = conmonPid.isPresent() && !Processes.alive(conmonPid.getAsInt(), execId);
        if (dead && gone) {
            channels.forEach(ConmonExec::closeQuietly);
            return;
        }
        CompletableFuture.runAsync(() -> watchMonitor(conmonPidFile, execId, channels, dead),
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    }

    /** The last sync message is the exit code; conmon's exit file says the same should the pipe say nothing. */
    private void awaitExit(OciRuntime runtime, BufferedReader syncMessages, List<FileChannel> channels) {
        try {
            String line;
            while ((line = syncMessages.readLine()) != null) {
                JsonNode node = runtime.mapper().readTree(line);
                if (node.has("data")) {
                    int code = node.path("data").asInt();
                    exited.complete(new ExitStatus(code < 0 ? -code : code, Instant.now(), false));
                    break;
                }
            }
        } catch (IOException e) {
            exited.completeExceptionally(new WharfException("lost the exec's monitor: " + e.getMessage(), e));
        } finally {
            channels.forEach(ConmonExec::closeQuietly);
            exited.completeExceptionally(new WharfException("lost the exec's monitor"));
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public StdioConnection stdio() {
        return stdio;
    }

    @Override
    public CompletionStage<ExitStatus> exited() {
        return exited;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to release
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
