package io.wharf.daemon.internal.container;

import io.wharf.api.log.LogDriver.LogWriter;
import io.wharf.api.log.LogMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

/**
 * Copies a container's output from the file the runtime's monitor writes ({@code <time> stdout|stderr F|P text}
 * lines) into the container's log driver, from a remembered offset, so that a restarted daemon carries on where
 * the last one stopped. Drained periodically by the service's scheduler and once more at the container's exit.
 */
final class LogShipper {
    private final Path source;
    private final LogWriter writer;
    private long offset;
    private boolean closed;

    LogShipper(Path source, long offset, LogWriter writer) {
        this.source = source;
        this.offset = offset;
        this.writer = writer;
    }

    synchronized long offset() {
        return offset;
    }

    /** Ships every complete line written since the last call. */
    synchronized void drain() {
        if (closed) {
            return;
        }
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset) {
                offset = 0; // truncated by the monitor
            }
            while (offset < size) {
                int want = (int) Math.min(1 << 20, size - offset);
                ByteBuffer buf = ByteBuffer.allocate(want);
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                byte[] data = buf.array();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (data[i] == '\n') {
                        ship(data, start, i);
                        start = i + 1;
                    }
                }
                if (start == 0) {
                    break; // an incomplete line: wait for the rest
                }
                offset += start;
            }
        } catch (NoSuchFileException e) {
            // nothing written yet
        } catch (IOException e) {
            System.getLogger(LogShipper.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read container output " + source + ": " + e.getMessage());
        }
    }

    /** One monitor line {@code [start, end)} without its newline. */
    private void ship(byte[] data, int start, int end) {
        int s1 = indexOf(data, start, end, (byte) ' ');
        int s2 = s1 < 0 ? -1 : indexOf(data, s1 + 1, end, (byte) ' ');
        int s3 = s2 < 0 ? -1 : indexOf(data, s2 + 1, end, (byte) ' ');
        if (s3 < 0 && s2 >= 0 && end - s2 - 1 == 1) {
            s3 = end; // an empty partial chunk
        }
        if (s3 < 0) {
            return;
        }
        long time;
        try {
            OffsetDateTime t = OffsetDateTime.parse(new String(data, start, s1 - start, StandardCharsets.US_ASCII));
            time = t.toEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (RuntimeException e) {
            return;
        }
        String stream = new String(data, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        boolean partial = data[s2 + 1] == 'P';
        int from = Math.min(s3 + 1, end);
        byte[] line = Arrays.copyOfRange(data, from, partial ? end : end + 1);
        if (!partial) {
            line[line.length - 1] = '\n';
        }
        if (line.length == 0) {
            return;
        }
        writer.write(new LogMessage(stream, line, time, partial, Map.of()));
    }

    private static int indexOf(byte[] data, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Ships what is left and closes the writer, which ends the followers of the log. */
    synchronized void close() {
        if (closed) {
            return;
        }
        drain();
        closed = true;
        writer.close();
    }

    /** Closes the writer without draining (the daemon is stopping; the next one carries on from the offset). */
    synchronized void detach() {
        if (!closed) {
            drain();
            closed = true;
            writer.close();
        }
    }
}
