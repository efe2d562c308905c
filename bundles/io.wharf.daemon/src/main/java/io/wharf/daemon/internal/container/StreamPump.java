package io.wharf.daemon.internal.container;

import io.wharf.api.container.OutputSink;
import io.wharf.api.container.StdStream;
import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Joins a client's streams to a process's standard streams (attach and exec): output to the client until the
 * process closes it, the client's input to the process, and the detach keys, which end the session without
 * stopping the process.
 */
final class StreamPump {
    private StreamPump() {
    }

    /**
     * Pumps until the output ends or the detach keys are typed; returns true when the client detached.
     *
     * @param closeStdinAtEof close the process's stdin when the client's input ends ({@code StdinOnce})
     */
    static boolean run(StdioConnection conn, InputStream clientIn, OutputSink out, boolean stdout, boolean stderr,
            byte[] detachKeys, boolean closeStdinAtEof, ExecutorService threads) {
        boolean[] detached = new boolean[1];
        try {
            out.flush(); // in place before the first byte: the front end may switch protocols now
        } catch (IOException e) {
            // the client is gone; the copies notice
        }
        Future<?> input = null;
        if (clientIn != null && conn.stdin() != null) {
            input = threads.submit(() -> {
                copyInput(clientIn, conn.stdin(), detachKeys, detached, conn, closeStdinAtEof);
                return null;
            });
        }
        Future<?> err = null;
        if (stderr) {
            err = threads.submit(() -> copy(conn.stderr(), out, StdStream.STDERR));
        } else {
            threads.submit(() -> drain(conn.stderr()));
        }
        if (stdout) {
            copy(conn.stdout(), out, StdStream.STDOUT);
        } else {
            drain(conn.stdout());
        }
        if (err != null) {
            try {
                err.get();
            } catch (Exception e) {
                // the client went away: the session is over either way
            }
        }
        if (input != null) {
            input.cancel(true);
        }
        synchronized (detached) {
            return detached[0];
        }
    }

    private static void copy(InputStream in, OutputSink out, StdStream stream) {
        byte[] buf = new byte[32 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(stream, buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
            drain(in);
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard: nobody asked for this stream, but the producer must not block
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void copyInput(InputStream in, OutputStream stdin, byte[] keys, boolean[] detached,
            StdioConnection conn, boolean closeAtEof) {
        byte[] buf = new byte[8192];
        int matched = 0;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == keys[matched]) {
                        matched++;
                        if (matched == keys.length) {
                            synchronized (detached) {
                                detached[0] = true;
                            }
                            int upto = i + 1 - keys.length;
                            if (upto > start) {
                                stdin.write(buf, start, upto - start);
                            }
                            conn.close();
                            return;
                        }
                    } else {
                        matched = buf[i] == keys[0] ? 1 : 0;
                    }
                }
                // hold back a possible start of the key sequence only within the chunk: good enough for terminals
                stdin.write(buf, start, n);
                stdin.flush();
            }
            if (closeAtEof) {
                stdin.close();
            }
        } catch (IOException e) {
            // the process's stdin or the client went away
        }
    }
}
