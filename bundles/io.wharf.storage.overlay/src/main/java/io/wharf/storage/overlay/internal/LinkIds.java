package io.wharf.storage.overlay.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Short random names for {@code l/}: 26 characters of base32 alphabet (130 random bits), short enough that a
 * chain of 128 of them fits in one page of mount options as relative paths.
 */
final class LinkIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    static final int LENGTH = 26;

    private final SecureRandom random = new SecureRandom();

    /** A name not yet used in {@code links}. */
    String next(Path links) {
        while (true) {
            char[] c = new char[LENGTH];
            for (int i = 0; i < c.length; i++) {
                c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String id = new String(c);
            if (!Files.exists(links.resolve(id), LinkOption.NOFOLLOW_LINKS)) {
                return id;
            }
        }
    }
}
