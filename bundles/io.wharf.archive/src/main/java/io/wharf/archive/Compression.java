package io.wharf.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of layer and context tarballs, detected by magic number. Only gzip can be read and written
 * (the JDK has no bzip2, xz or zstd codec); the others are recognised so that the error says what the
 * stream is instead of failing later as a corrupt tar.
 */
public enum Compression {
    NONE("tar"),
    GZIP("tar.gz"),
    BZIP2("tar.bz2"),
    XZ("tar.xz"),
    ZSTD("tar.zst");

    private static final int BUFFER = 64 * 1024;

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension: tar, tar.gz, ... */
    public String extension() {
        return extension;
    }

    /** The compression whose magic number starts {@code head} (NONE when none matches). */
    public static Compression detect(byte[] head, int length) {
        if (startsWith(head, length, 0x1f, 0x8b, 0x08)) {
            return GZIP;
        }
        if (startsWith(head, length, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (startsWith(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * Detects the compression of {@code in} without consuming it and returns a stream of the uncompressed
     * data. Throws {@link UnsupportedCompressionException} for bzip2, xz and zstd.
     */
    public static InputStream decompress(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, BUFFER);
        buffered.mark(16);
        byte[] head = buffered.readNBytes(6);
        buffered.reset();
        Compression c = detect(head, head.length);
        return switch (c) {
            case NONE -> buffered;
            case GZIP -> new GZIPInputStream(buffered, BUFFER);
            default -> throw new UnsupportedCompressionException(c);
        };
    }

    /** A stream compressing into {@code out}; closing it finishes the compressed stream and closes out. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> fastGzip(out);
            default -> throw new UnsupportedCompressionException(this);
        };
    }

    /**
     * gzip at zlib's fastest level. Layers are compressed on the way into the store (load, import, commit): the
     * default level spends about three times the CPU for a few percent of size, and on incompressible data gains
     * nothing at all.
     */
    public static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, BUFFER) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
