package io.wharf.testkit.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the entries of a layer tar a driver produced: ustar with PAX extended headers and GNU long names,
 * which is what layer tars use. Names are normalised (no leading {@code ./} or {@code /}, no trailing {@code /}).
 */
public final class TarEntries {

    /** One entry; {@code type} is the ustar type flag ('0' file, '5' dir, '2' symlink, '1' hard link, ...). */
    public record Entry(String name, char type, int mode, int uid, int gid, String linkName, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private TarEntries() {
    }

    /** Reads the whole tar (and closes the stream), keyed by normalised name in tar order. */
    public static Map<String, Entry> read(InputStream in) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (in) {
            String longName = null;
            String longLink = null;
            Map<String, String> pax = Map.of();
            while (true) {
                byte[] h = in.readNBytes(512);
                if (h.length < 512 || isZero(h)) {
                    break;
                }
                char type = h[156] == 0 ? '0' : (char) h[156];
                long size = number(h, 124, 12);
                byte[] content = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                switch (type) {
                    case 'x' -> {
                        pax = paxRecords(content);
                        continue;
                    }
                    case 'g' -> {
                        continue;
                    }
                    case 'L' -> {
                        longName = cstring(content, 0, content.length);
                        continue;
                    }
                    case 'K' -> {
                        longLink = cstring(content, 0, content.length);
                        continue;
                    }
                    default -> {
                    }
                }
                String name = cstring(h, 0, 100);
                String prefix = cstring(h, 345, 155);
                if (!prefix.isEmpty() && cstring(h, 257, 6).equals("ustar")) {
                    name = prefix + "/" + name;
                }
                String link = cstring(h, 157, 100);
                name = pax.getOrDefault("path", longName != null ? longName : name);
                link = pax.getOrDefault("linkpath", longLink != null ? longLink : link);
                entries.put(normalise(name), new Entry(normalise(name), type, (int) number(h, 100, 8),
                        (int) number(h, 108, 8), (int) number(h, 116, 8), link, content));
                longName = null;
                longLink = null;
                pax = Map.of();
            }
        }
        return entries;
    }

    public static List<String> names(InputStream in) throws IOException {
        return new ArrayList<>(read(in).keySet());
    }

    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/") && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    private static Map<String, String> paxRecords(byte[] content) {
        Map<String, String> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < content.length) {
            int space = pos;
            while (space < content.length && content[space] != ' ') {
                space++;
            }
            int len = Integer.parseInt(new String(content, pos, space - pos, StandardCharsets.UTF_8));
            String record = new String(content, space + 1, len - (space + 1 - pos) - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            records.put(record.substring(0, eq), record.substring(eq + 1));
            pos += len;
        }
        return records;
    }

    private static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = 0;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = cstring(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static String cstring(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
