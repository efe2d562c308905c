package io.wharf.archive;

import java.io.IOException;

/** The stream is compressed with a codec Wharf cannot read (bzip2, xz, zstd). */
public class UnsupportedCompressionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Compression compression;

    public UnsupportedCompressionException(Compression compression) {
        super("unsupported compression: " + compression.name().toLowerCase(java.util.Locale.ROOT)
                + " (only gzip and uncompressed archives are supported)");
        this.compression = compression;
    }

    public Compression compression() {
        return compression;
    }
}
