package io.wharf.archive;

import io.wharf.linux.crypto.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Computes the SHA-256 digest and byte count of everything written through it. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256 = Sha256.newDigest();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        count += len;
    }

    /** {@code sha256:<hex>} of the bytes written so far. */
    public String digest() {
        return DigestingInputStream.format(sha256);
    }

    public long count() {
        return count;
    }
}
