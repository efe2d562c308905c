package io.wharf.linux.crypto;

import io.wharf.linux.internal.NativeSha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests for content addressing. {@link #newDigest} hands out a {@link MessageDigest} backed by libcrypto
 * (OpenSSL 3, which uses the CPU's SHA instructions) when the library loads, and the JDK's otherwise; both give
 * the same bytes, so callers never need to know which one they got.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest; never fails. The result supports {@link MessageDigest#clone()}. */
    public static MessageDigest newDigest() {
        return NativeSha256.available() ? new NativeSha256() : jdk();
    }

    /** Whether digests are computed by libcrypto on this host. */
    public static boolean isNative() {
        return NativeSha256.available();
    }

    /** The JDK's SHA-256, which every Java runtime has. */
    public static MessageDigest jdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
