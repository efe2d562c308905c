package io.wharf.daemon.internal.image;

import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.archive.DigestingOutputStream;
import io.wharf.linux.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Content-addressed blobs under {@code blobs/sha256/<hex>}: configs and compressed layers. A blob is written to
 * a temp file, checked against its digest and only then renamed into place, so a blob file always holds the
 * content its name promises.
 */
final class ContentStore {
    private final Path blobs;
    private final Path tmp;

    ContentStore(Path imageRoot) {
        try {
            this.blobs = Files.createDirectories(imageRoot.resolve("blobs").resolve("sha256"));
            this.tmp = Files.createDirectories(imageRoot.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store under " + imageRoot, e);
        }
    }

    /** A fresh temp file path in the store's temp directory (same file system as the blobs). */
    Path tempFile(String hint) {
        return tmp.resolve(hint + "-" + UUID.randomUUID());
    }

    Path tempDir() {
        return tmp;
    }

    /** Removes what an interrupted write left behind; only called when nothing writes. */
    void clean() {
        try (var s = Files.list(tmp)) {
            s.forEach(StoreFiles::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + tmp, e);
        }
    }

    Path path(String digest) {
        return blobs.resolve(hex(digest));
    }

    boolean has(String digest) {
        return Files.isRegularFile(path(digest));
    }

    byte[] read(String digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("content " + digest + " not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + digest, e);
        }
    }

    /** Stores bytes and returns their digest. */
    String put(byte[] data) {
        String digest = digest(data);
        if (!has(digest)) {
            Path t = tempFile("blob");
            try {
                Files.write(t, data);
                commit(t, digest);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store blob " + digest, e);
            } finally {
                deleteQuietly(t);
            }
        }
        return digest;
    }

    /** Stores a stream; when {@code expected} is not null, content with another digest is refused and not kept. */
    String put(InputStream in, String expected) throws IOException {
        Path t = tempFile("blob");
        try {
            String digest;
            try (DigestingOutputStream out = new DigestingOutputStream(Files.newOutputStream(t))) {
                in.transferTo(out);
                out.flush();
                digest = out.digest();
            }
            if (expected != null && !expected.equals(digest)) {
                throw new WharfException("digest mismatch: expected " + expected + ", got " + digest);
            }
            commit(t, digest);
            return digest;
        } finally {
            deleteQuietly(t);
        }
    }

    /** Moves a temp file whose digest the caller computed into place after checking it once more. */
    void commit(Path temp, String digest) throws IOException {
        if (has(digest)) {
            return;
        }
        String actual = digest(temp);
        if (!actual.equals(digest)) {
            throw new WharfException("digest mismatch: expected " + digest + ", got " + actual);
        }
        StoreFiles.commit(temp, path(digest));
    }

    /** Moves a temp file into place whose digest was computed while it was written. */
    void commitTrusted(Path temp, String digest) throws IOException {
        if (has(digest)) {
            return;
        }
        StoreFiles.commit(temp, path(digest));
    }

    /**
     * Moves into place a file the registry client wrote: it checked size and digest and forced the content to
     * disk before handing the file over, so neither is done again.
     */
    void commitFetched(Path temp, String digest) throws IOException {
        if (has(digest)) {
            return;
        }
        StoreFiles.commitSynced(temp, path(digest));
    }

    void delete(String digest) {
        deleteQuietly(path(digest));
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temp file is removed at the next start
        }
    }

    static String hex(String digest) {
        if (digest == null || !digest.startsWith("sha256:") || digest.length() != 71) {
            throw new WharfException("unsupported digest " + digest);
        }
        return digest.substring(7);
    }

    static String digest(byte[] data) {
        return "sha256:" + HexFormat.of().formatHex(Sha256.newDigest().digest(data));
    }

    static String digest(Path file) throws IOException {
        MessageDigest md = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    static String digest(String text) {
        return digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Copies a stream to a sink (used for tees). */
    static long copy(InputStream in, OutputStream out) throws IOException {
        return in.transferTo(out);
    }
}
