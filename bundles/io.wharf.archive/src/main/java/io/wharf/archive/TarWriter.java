package io.wharf.archive;

import io.wharf.archive.internal.PaxRecords;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a tar stream: ustar headers, with a PAX extended header in front of an entry whenever a value does
 * not fit ustar (names or link names over 100 bytes or not ASCII, sizes of 8 GiB and more, large IDs,
 * sub-second or out-of-range mtimes, xattrs as {@code SCHILY.xattr.*}). Directory names get a trailing "/".
 * Output depends only on the headers and contents given, so archives are reproducible. Not thread-safe.
 */
public final class TarWriter implements Closeable {
    private static final int BLOCK = TarReader.BLOCK;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;

    private final OutputStream out;
    private final byte[] zeros = new byte[BLOCK];
    private long remaining;
    private long padding;
    private boolean finished;
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a whole entry; {@code content} must supply exactly {@code header.size()} bytes (null if 0). */
    public void add(TarHeader header, InputStream content) throws IOException {
        putNextEntry(header);
        if (header.size() > 0) {
            byte[] buf = new byte[64 * 1024];
            long left = header.size();
            while (left > 0) {
                int n = content.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("content of " + header.name() + " ended " + left + " bytes early");
                }
                write(buf, 0, n);
                left -= n;
            }
        }
        closeEntry();
    }

    /** Starts an entry; write its {@code size()} bytes of content with {@link #write} before the next one. */
    public void putNextEntry(TarHeader header) throws IOException {
        closeEntry();
        String name = header.name();
        if (header.kind() == TarHeader.Kind.DIRECTORY && !name.endsWith("/")) {
            name = name + "/";
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty tar entry name");
        }
        long size = header.kind() == TarHeader.Kind.REGULAR ? header.size() : 0;
        Map<String, byte[]> pax = new LinkedHashMap<>();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = header.linkName().getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || !isAscii(name)) {
            pax.put("path", nameBytes);
        }
        if (linkBytes.length > 100 || !isAscii(header.linkName())) {
            pax.put("linkpath", linkBytes);
        }
        if (size > MAX_OCTAL_11) {
            pax.put("size", PaxRecords.bytes(Long.toString(size)));
        }
        long uid = header.uid() & 0xffffffffL;
        long gid = header.gid() & 0xffffffffL;
        if (uid > MAX_OCTAL_7) {
            pax.put("uid", PaxRecords.bytes(Long.toString(uid)));
        }
        if (gid > MAX_OCTAL_7) {
            pax.put("gid", PaxRecords.bytes(Long.toString(gid)));
        }
        long seconds = header.mtime().getEpochSecond();
        if (header.mtime().getNano() != 0 || seconds < 0 || seconds > MAX_OCTAL_11) {
            pax.put("mtime", PaxRecords.bytes(PaxRecords.formatTime(header.mtime())));
        }
        if (header.userName().getBytes(StandardCharsets.UTF_8).length > 32 || !isAscii(header.userName())) {
            pax.put("uname", PaxRecords.bytes(header.userName()));
        }
        if (header.groupName().getBytes(StandardCharsets.UTF_8).length > 32 || !isAscii(header.groupName())) {
            pax.put("gname", PaxRecords.bytes(header.groupName()));
        }
        header.xattrs().forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));

        if (!pax.isEmpty()) {
            byte[] records = PaxRecords.encode(pax);
            byte[] h = block(paxName(nameBytes), 0644, 0, 0, records.length, 0, 'x', new byte[0], "", "", 0, 0);
            writeRaw(h, h.length);
            writeRaw(records, records.length);
            pad(records.length);
        }
        char type = switch (header.kind()) {
            case REGULAR -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case CHAR_DEVICE -> '3';
            case BLOCK_DEVICE -> '4';
            case DIRECTORY -> '5';
            case FIFO -> '6';
            case OTHER -> throw new IllegalArgumentException("cannot write an entry of unknown type: " + name);
        };
        byte[] h = block(nameBytes, header.mode() & 07777, uid > MAX_OCTAL_7 ? 0 : uid, gid > MAX_OCTAL_7 ? 0 : gid,
                size > MAX_OCTAL_11 ? 0 : size, Math.max(0, Math.min(seconds, MAX_OCTAL_11)), type, linkBytes,
                header.userName(), header.groupName(), header.devMajor(), header.devMinor());
        writeRaw(h, h.length);
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
    }

    /** Content of the current entry; writing more than its size fails. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > remaining) {
            throw new IOException("tar entry content exceeds its declared size");
        }
        writeRaw(b, off, len);
        remaining -= len;
    }

    /** Ends the current entry (padding it); fails if its content was short. Called by putNextEntry/finish. */
    public void closeEntry() throws IOException {
        if (remaining > 0) {
            throw new IOException("tar entry content is " + remaining + " bytes short of its declared size");
        }
        if (padding > 0) {
            writeRaw(zeros, (int) padding);
            padding = 0;
        }
    }

    /** Writes the end-of-archive marker (two zero blocks) and flushes, leaving the stream open. */
    public void finish() throws IOException {
        if (!finished) {
            closeEntry();
            writeRaw(zeros, BLOCK);
            writeRaw(zeros, BLOCK);
            out.flush();
            finished = true;
        }
    }

    /** Bytes written to the underlying stream so far. */
    public long bytesWritten() {
        return written;
    }

    /** Finishes the archive and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void pad(long size) throws IOException {
        int p = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (p > 0) {
            writeRaw(zeros, p);
        }
    }

    private void writeRaw(byte[] b, int len) throws IOException {
        writeRaw(b, 0, len);
    }

    private void writeRaw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    private static byte[] paxName(byte[] name) {
        String s = new String(name, StandardCharsets.UTF_8);
        int slash = s.lastIndexOf('/', s.length() - 2);
        String base = s.substring(slash + 1);
        String p = "PaxHeaders/" + base.replaceAll("[^\\x20-\\x7e]", "_");
        return p.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] block(byte[] name, int mode, long uid, long gid, long size, long mtime, char type,
            byte[] link, String uname, String gname, int major, int minor) {
        byte[] b = new byte[BLOCK];
        System.arraycopy(name, 0, b, 0, Math.min(100, name.length));
        octal(b, 100, 8, mode);
        octal(b, 108, 8, uid);
        octal(b, 116, 8, gid);
        octal(b, 124, 12, size);
        octal(b, 136, 12, mtime);
        b[156] = (byte) type;
        System.arraycopy(link, 0, b, 157, Math.min(100, link.length));
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, b, 257, 6);
        b[263] = '0';
        b[264] = '0';
        byte[] u = uname.getBytes(StandardCharsets.UTF_8);
        byte[] g = gname.getBytes(StandardCharsets.UTF_8);
        if (u.length <= 32) {
            System.arraycopy(u, 0, b, 265, u.length);
        }
        if (g.length <= 32) {
            System.arraycopy(g, 0, b, 297, g.length);
        }
        if (type == '3' || type == '4') {
            number7(b, 329, major & 0xffffffffL);
            number7(b, 337, minor & 0xffffffffL);
        }
        Arrays.fill(b, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        String cs = String.format("%06o", sum);
        System.arraycopy(cs.getBytes(StandardCharsets.US_ASCII), 0, b, 148, 6);
        b[154] = 0;
        b[155] = ' ';
        return b;
    }

    /** An 8-byte field: octal when it fits, else GNU base-256. */
    private static void number7(byte[] b, int off, long v) {
        if (v <= MAX_OCTAL_7) {
            octal(b, off, 8, v);
        } else {
            b[off] = (byte) 0x80;
            for (int i = 7; i >= 1; i--) {
                b[off + i] = (byte) v;
                v >>>= 8;
            }
        }
    }

    private static void octal(byte[] b, int off, int len, long v) {
        String s = Long.toOctalString(v);
        int digits = len - 1;
        for (int i = 0; i < digits; i++) {
            int from = s.length() - digits + i;
            b[off + i] = from < 0 ? (byte) '0' : (byte) s.charAt(from);
        }
        b[off + digits] = 0;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80 || s.charAt(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
