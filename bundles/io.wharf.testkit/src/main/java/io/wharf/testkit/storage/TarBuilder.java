package io.wharf.testkit.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds small layer tars (ustar) for driver tests, independent of the archive library the drivers use, so
 * that a test checks the driver against the format rather than against its own reader.
 */
public final class TarBuilder {
    private static final long MTIME = 1_700_000_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarBuilder dir(String name) {
        return entry(name.endsWith("/") ? name : name + "/", '5', 0755, 0, 0, MTIME, "", new byte[0], 0, 0);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content, 0644, 0, 0, MTIME);
    }

    public TarBuilder file(String name, String content, int mode, int uid, int gid, long mtimeSeconds) {
        return entry(name, '0', mode, uid, gid, mtimeSeconds, "", content.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    public TarBuilder symlink(String name, String target) {
        return entry(name, '2', 0777, 0, 0, MTIME, target, new byte[0], 0, 0);
    }

    public TarBuilder hardLink(String name, String target) {
        return entry(name, '1', 0644, 0, 0, MTIME, target, new byte[0], 0, 0);
    }

    public TarBuilder fifo(String name) {
        return entry(name, '6', 0644, 0, 0, MTIME, "", new byte[0], 0, 0);
    }

    public TarBuilder charDevice(String name, int major, int minor) {
        return entry(name, '3', 0666, 0, 0, MTIME, "", new byte[0], major, minor);
    }

    /** A whiteout for {@code path}: {@code dir/.wh.name}. */
    public TarBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(name, "");
    }

    /** Marks directory {@code dir} opaque: its contents in lower layers are hidden. */
    public TarBuilder opaque(String dir) {
        return file((dir.endsWith("/") ? dir : dir + "/") + ".wh..wh..opq", "");
    }

    public byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(build());
    }

    private TarBuilder entry(String name, char type, int mode, int uid, int gid, long mtime, String link,
            byte[] content, int major, int minor) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, content.length);
        octal(h, 136, 12, mtime);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum));
        h[155] = ' ';
        out.writeBytes(h);
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > len) {
            throw new IllegalArgumentException("too long for a ustar field: " + s);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        put(h, off, len, String.format("%0" + (len - 1) + "o", value));
    }
}
