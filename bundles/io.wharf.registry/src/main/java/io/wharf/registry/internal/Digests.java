package io.wharf.registry.internal;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.image.ImageReference;
import io.wharf.linux.crypto.Sha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests in the {@code algorithm:hex} form registries use. */
final class Digests {
    private Digests() {
    }

    static MessageDigest digester(String digest) {
        ImageReference.validateDigest(digest);
        String algorithm = digest.substring(0, digest.indexOf(':'));
        if (algorithm.equals("sha256")) {
            return Sha256.newDigest();
        }
        try {
            return MessageDigest.getInstance(algorithm.equals("sha384") ? "SHA-384" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidArgumentException("unsupported digest algorithm", e);
        }
    }

    /** The digest of {@code content} with the same algorithm as {@code like}. */
    static String of(byte[] content, String like) {
        MessageDigest md = digester(like);
        return like.substring(0, like.indexOf(':') + 1) + HexFormat.of().formatHex(md.digest(content));
    }

    static String sha256(byte[] content) {
        return of(content, "sha256:" + "0".repeat(64));
    }

    static String finish(MessageDigest md, String like) {
        return like.substring(0, like.indexOf(':') + 1) + HexFormat.of().formatHex(md.digest());
    }
}
