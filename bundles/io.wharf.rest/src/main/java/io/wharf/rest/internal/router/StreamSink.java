package io.wharf.rest.internal.router;

import io.wharf.api.container.OutputSink;
import io.wharf.api.container.StdStream;
import io.wharf.rest.internal.json.StdStreamFrame;
import java.io.IOException;

/**
 * Frames a process's output for the client: the 8-byte multiplexed header per chunk without a TTY, raw bytes
 * with one. Safe to call from the stdout and stderr threads at once.
 */
public final class StreamSink implements OutputSink {
    private final HijackedStream stream;
    private final boolean raw;
    private final Runnable ready;

    /** {@code ready} runs at the first flush: the engine flushes once the session is in place. */
    public StreamSink(HijackedStream stream, boolean raw, Runnable ready) {
        this.stream = stream;
        this.raw = raw;
        this.ready = ready;
    }

    @Override
    public void flush() {
        ready.run();
    }

    @Override
    public synchronized void write(StdStream source, byte[] data, int offset, int length) throws IOException {
        if (length <= 0) {
            return;
        }
        if (raw) {
            stream.write(data, offset, length);
        } else {
            byte[] framed = StdStreamFrame.frame(source.id(), data, offset, length).array();
            stream.write(framed, 0, framed.length);
        }
    }

    /** An error of the engine itself, after the stream started, as dockerd reports it. */
    public synchronized void error(String message) {
        // the session failed before it was in place: the client must get the upgrade to read this at all
        ready.run();
        byte[] b = (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (raw) {
                stream.write(b, 0, b.length);
            } else {
                byte[] framed = StdStreamFrame.frame(StdStreamFrame.SYSTEMERR, b, 0, b.length).array();
                stream.write(framed, 0, framed.length);
            }
        } catch (IOException e) {
            // the client is gone
        }
    }
}
