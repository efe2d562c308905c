package io.wharf.archive;

import io.wharf.archive.internal.PaxRecords;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a tar stream entry by entry without buffering content: ustar, PAX extended headers (path, linkpath,
 * size, uid, gid, uname, gname, mtime, {@code SCHILY.xattr.*}), GNU long names and link names, base-256
 * numbers. Sparse entries are refused. Not thread-safe.
 */
public final class TarReader implements Closeable {
    static final int BLOCK = 512;
    /** Bound on metadata entries (PAX, GNU long names) held in memory, against hostile archives. */
    private static final int MAX_METADATA = 8 << 20;

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private long remaining;
    private long padding;
    private boolean ended;
    private final EntryStream content = new EntryStream();

    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Advances to the next entry, skipping whatever is left of the current one; returns null at the end of
     * the archive (a zero block or the end of the stream at a block boundary).
     */
    public TarHeader next() throws IOException {
        if (ended) {
            return null;
        }
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        Map<String, byte[]> pax = Map.of();
        String longName = null;
        String longLink = null;
        while (true) {
            int n = in.readNBytes(block, 0, BLOCK);
            if (n == 0) {
                ended = true;
                return null;
            }
            if (n < BLOCK) {
                throw new EOFException("unexpected end of tar archive");
            }
            if (isZero(block)) {
                ended = true;
                return null;
            }
            verifyChecksum();
            char type = (char) (block[156] & 0xff);
            long size = number(124, 12);
            if (size < 0) {
                throw new IOException("malformed tar header: negative size");
            }
            switch (type) {
                case 'x' -> pax = PaxRecords.parse(readMetadata(size));
                case 'g' -> readMetadata(size); // global defaults: nothing Wharf relies on
                case 'L' -> longName = cString(readMetadata(size));
                case 'K' -> longLink = cString(readMetadata(size));
                default -> {
                    return header(type, size, pax, longName, longLink);
                }
            }
        }
    }

    /** The content of the current entry; reading it past its end returns -1. Closing it is a no-op. */
    public InputStream content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private TarHeader header(char type, long size, Map<String, byte[]> pax, String longName, String longLink)
            throws IOException {
        String name = field(0, 100);
        if (isPosixUstar()) {
            String prefix = field(345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        if (longName != null) {
            name = longName;
        }
        String link = longLink != null ? longLink : field(157, 100);
        int mode = (int) number(100, 8);
        long uid = number(108, 8);
        long gid = number(116, 8);
        Instant mtime = Instant.ofEpochSecond(number(136, 12));
        String uname = field(265, 32);
        String gname = field(297, 32);
        int major = (int) number(329, 8);
        int minor = (int) number(337, 8);
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            String key = r.getKey();
            String value = PaxRecords.string(r.getValue());
            switch (key) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = parseLong(key, value);
                case "uid" -> uid = parseLong(key, value);
                case "gid" -> gid = parseLong(key, value);
                case "uname" -> uname = value;
                case "gname" -> gname = value;
                case "mtime" -> mtime = PaxRecords.parseTime(value);
                default -> {
                    if (key.startsWith("SCHILY.xattr.")) {
                        xattrs.put(key.substring("SCHILY.xattr.".length()), r.getValue());
                    } else if (key.startsWith("LIBARCHIVE.xattr.")) {
                        xattrs.put(URLDecoder.decode(key.substring("LIBARCHIVE.xattr.".length()),
                                StandardCharsets.UTF_8), Base64.getDecoder().decode(pad64(value)));
                    } else if (key.startsWith("GNU.sparse.")) {
                        throw new IOException("sparse tar entries are not supported: " + name);
                    }
                }
            }
        }
        TarHeader.Kind kind = switch (type) {
            case '0', '7' -> TarHeader.Kind.REGULAR;
            case '\0' -> name.endsWith("/") ? TarHeader.Kind.DIRECTORY : TarHeader.Kind.REGULAR;
            case '1' -> TarHeader.Kind.HARDLINK;
            case '2' -> TarHeader.Kind.SYMLINK;
            case '3' -> TarHeader.Kind.CHAR_DEVICE;
            case '4' -> TarHeader.Kind.BLOCK_DEVICE;
            case '5' -> TarHeader.Kind.DIRECTORY;
            case '6' -> TarHeader.Kind.FIFO;
            case 'S' -> throw new IOException("sparse tar entries are not supported: " + name);
            default -> TarHeader.Kind.OTHER;
        };
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        long reported = kind == TarHeader.Kind.REGULAR || kind == TarHeader.Kind.OTHER ? size : 0;
        if (kind != TarHeader.Kind.REGULAR && kind != TarHeader.Kind.OTHER) {
            // A hard link or directory may carry data in some writers: skip it, never expose it.
            content.hidden = true;
        } else {
            content.hidden = false;
        }
        return new TarHeader(name, kind, mode & 07777, (int) uid, (int) gid, uname, gname, reported, mtime, link,
                major, minor, xattrs);
    }

    private byte[] readMetadata(long size) throws IOException {
        if (size > MAX_METADATA) {
            throw new IOException("tar metadata entry too large: " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("unexpected end of tar archive");
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("unexpected end of tar archive");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private void verifyChecksum() throws IOException {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        long stored = number(148, 8);
        if (stored != unsigned && stored != signed) {
            throw new IOException("invalid tar header checksum");
        }
    }

    private boolean isPosixUstar() {
        return block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r' && block[262] == 0;
    }

    private String field(int off, int len) {
        int end = off;
        while (end < off + len && block[end] != 0) {
            end++;
        }
        return new String(block, off, end - off, StandardCharsets.UTF_8);
    }

    /** An octal field, or base-256 when the high bit of the first byte is set (GNU). */
    private long number(int off, int len) throws IOException {
        if ((block[off] & 0x80) != 0) {
            boolean negative = (block[off] & 0x40) != 0;
            long v = negative ? -1 : 0;
            v = (v << 8) | (block[off] & (negative ? 0xff : 0x7f));
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (block[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        while (i < off + len && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        for (; i < off + len; i++) {
            byte b = block[i];
            if (b == ' ' || b == 0) {
                break;
            }
            if (b < '0' || b > '7') {
                throw new IOException("malformed tar header: bad number");
            }
            v = (v << 3) + (b - '0');
        }
        return v;
    }

    private static long parseLong(String key, String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("malformed PAX " + key + ": " + value);
        }
    }

    private static String pad64(String s) {
        return s + "===".substring(0, (4 - s.length() % 4) % 4);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private final class EntryStream extends InputStream {
        boolean hidden;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (hidden || remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("unexpected end of tar archive");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
