package io.wharf.log.jsonfile.internal;

import java.io.IOException;
import java.util.Arrays;

/** Splits a region of a log file into lines, forwards or backwards, reading it in blocks. */
final class LineScanner {
    static final int BLOCK = 64 * 1024;

    /** Receives a line, newline included; returns false to stop. */
    interface LineHandler {
        boolean line(byte[] buf, int off, int end);
    }

    private LineScanner() {
    }

    /**
     * Hands over the complete lines of {@code [from, to)} in order.
     *
     * @return the position after the last line handed over (an unfinished last line is left for later), or -1 when
     *         the handler stopped
     */
    static long forward(LogSource src, long from, long to, LineHandler h) throws IOException {
        byte[] buf = new byte[BLOCK];
        int filled = 0;
        long pos = from;
        long consumed = from;
        while (pos < to) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = (int) Math.min(buf.length - filled, to - pos);
            src.read(pos, buf, filled, n);
            pos += n;
            filled += n;
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (buf[i] == '\n') {
                    if (!h.line(buf, start, i + 1)) {
                        return -1;
                    }
                    consumed += i + 1 - start;
                    start = i + 1;
                }
            }
            System.arraycopy(buf, start, buf, 0, filled - start);
            filled -= start;
        }
        return consumed;
    }

    /**
     * Hands over the lines of {@code [0, to)} newest first; {@code to} must be a line boundary.
     *
     * @return false when the handler stopped
     */
    static boolean backward(LogSource src, long to, LineHandler h) throws IOException {
        byte[] leftover = new byte[0];
        long chunkEnd = to;
        while (chunkEnd > 0) {
            long start = Math.max(0, chunkEnd - BLOCK);
            int n = (int) (chunkEnd - start);
            byte[] data = new byte[n + leftover.length];
            src.read(start, data, 0, n);
            System.arraycopy(leftover, 0, data, n, leftover.length);
            int lineEnd = data.length;
            for (int i = data.length - 2; i >= 0; i--) {
                if (data[i] == '\n') {
                    if (i + 1 < lineEnd && !h.line(data, i + 1, lineEnd)) {
                        return false;
                    }
                    lineEnd = i + 1;
                }
            }
            leftover = Arrays.copyOf(data, lineEnd);
            chunkEnd = start;
        }
        return leftover.length == 0 || h.line(leftover, 0, leftover.length);
    }

    /** The end of the last complete line at or before {@code size}. */
    static long lastLineEnd(LogSource src, long size) throws IOException {
        long end = size;
        byte[] block = new byte[4096];
        while (end > 0) {
            long start = Math.max(0, end - block.length);
            int n = (int) (end - start);
            src.read(start, block, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (block[i] == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
