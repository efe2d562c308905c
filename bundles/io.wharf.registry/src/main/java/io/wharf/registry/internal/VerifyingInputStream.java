package io.wharf.registry.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Passes a blob through while hashing and counting it, and at the end of the stream throws when the size or the
 * digest differ from the descriptor's, so that a reader never takes wrong content for complete.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final String expectedDigest;
    private final long expectedSize;
    private final MessageDigest md;
    private final LongConsumer progress;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, String expectedDigest, long expectedSize, LongConsumer progress) {
        super(in);
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
        this.md = Digests.digester(expectedDigest);
        this.progress = progress == null ? n -> { } : progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        md.update(b, off, n);
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw failure("received more than the " + expectedSize + " bytes expected");
        }
        progress.accept(count);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        if (expectedSize >= 0 && count != expectedSize) {
            throw failure("received " + count + " of " + expectedSize + " bytes");
        }
        String actual = Digests.finish(md, expectedDigest);
        if (!actual.equals(expectedDigest)) {
            throw failure("content has digest " + actual);
        }
        verified = true;
    }

    private BlobVerificationException failure(String why) {
        return new BlobVerificationException(
                "filesystem layer verification failed for digest " + expectedDigest + ": " + why);
    }

    /** The content of a blob does not match its descriptor. */
    static final class BlobVerificationException extends IOException {
        private static final long serialVersionUID = 1L;

        BlobVerificationException(String message) {
            super(message);
        }
    }
}
