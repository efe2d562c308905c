package io.wharf.runtime.oci.internal;

import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A connection to conmon's attach socket. Each packet conmon sends starts with one byte naming the stream
 * (2 stdout, 3 stderr) followed by the data; whatever we send goes to the container's stdin.
 */
final class AttachConnection implements StdioConnection {
    private static final int STDOUT_PIPE = 2;
    private static final int STDERR_PIPE = 3;
    /** conmon reads at most this much per packet from its clients. */
    private static final int MAX_INPUT_PACKET = 8192;

    private final SeqpacketSocket socket;
    private final PipedInputStream stdout = new PipedInputStream(64 * 1024);
    private final PipedInputStream stderr = new PipedInputStream(64 * 1024);
    private final OutputStream stdin;
    private final Thread reader;

    AttachConnection(Path attachSocket, boolean withStdin) throws IOException {
        PipedOutputStream out = new PipedOutputStream(stdout);
        PipedOutputStream err = new PipedOutputStream(stderr);
        this.socket = SeqpacketSocket.connect(attachSocket);
        this.stdin = withStdin ? new OutputStream() {
            private boolean shut;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (shut) {
                    throw new IOException("stdin closed");
                }
                for (int pos = off; pos < off + len; pos += MAX_INPUT_PACKET) {
                    socket.send(b, pos, Math.min(MAX_INPUT_PACKET, off + len - pos));
                }
            }

            @Override
            public void close() {
                if (!shut) {
                    shut = true;
                    socket.shutdownOutput();
                }
            }
        } : null;
        this.reader = new Thread(() -> pump(out, err), "wharf-attach-" + attachSocket.getParent().getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(PipedOutputStream out, PipedOutputStream err) {
        byte[] buffer = new byte[64 * 1024];
        try (out; err) {
            int n;
            while ((n = socket.receive(buffer)) > 0) {
                if (buffer[0] == STDOUT_PIPE) {
                    out.write(buffer, 1, n - 1);
                    out.flush();
                } else if (buffer[0] == STDERR_PIPE) {
                    err.write(buffer, 1, n - 1);
                    err.flush();
                }
            }
        } catch (IOException e) {
            // the reader went away or the container ended: both streams end here
        } finally {
            socket.close();
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public void close() {
        socket.shutdown();
        try {
            reader.join(5_000);
            stdout.close();
            stderr.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
