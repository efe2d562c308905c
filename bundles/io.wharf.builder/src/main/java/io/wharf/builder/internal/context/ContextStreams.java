package io.wharf.builder.internal.context;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.archive.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Uncompressed views of build contexts and ADD tarballs: plain and gzip through the archive library, bzip2 and
 * xz through the host's {@code bzip2} and {@code xz} tools (the JDK has no codec for them).
 */
public final class ContextStreams {
    private ContextStreams() {
    }

    public static InputStream decompress(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        buffered.mark(16);
        byte[] head = buffered.readNBytes(6);
        buffered.reset();
        return switch (Compression.detect(head, head.length)) {
            case BZIP2 -> external(buffered, "bzip2");
            case XZ -> external(buffered, "xz");
            case ZSTD -> external(buffered, "zstd");
            default -> Compression.decompress(buffered);
        };
    }

    /** True when the bytes start like a compressed stream this class reads. */
    public static boolean compressed(byte[] head, int length) {
        return Compression.detect(head, length) != Compression.NONE;
    }

    private static InputStream external(InputStream in, String tool) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(tool, "-dc").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new InvalidArgumentException("the context is compressed with " + tool + ", but " + tool
                    + " is not installed: " + e.getMessage());
        }
        Thread pump = new Thread(() -> {
            try (OutputStream out = p.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the reader sees a truncated stream and reports it
            }
        }, "wharf-build-" + tool);
        pump.setDaemon(true);
        pump.start();
        InputStream out = p.getInputStream();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return out.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return out.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
                p.destroy();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException("interrupted"));
                }
            }
        };
    }
}
