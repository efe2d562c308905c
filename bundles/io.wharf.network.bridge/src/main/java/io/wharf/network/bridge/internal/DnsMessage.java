package io.wharf.network.bridge.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The little of the DNS wire format (RFC 1035) the embedded server needs: the first question of a query, and a
 * response carrying that question with A, AAAA or PTR answers. Anything else is forwarded as raw bytes.
 */
final class DnsMessage {
    static final int TYPE_A = 1;
    static final int TYPE_PTR = 12;
    static final int TYPE_AAAA = 28;
    static final int CLASS_IN = 1;
    static final int RCODE_OK = 0;
    static final int RCODE_SERVFAIL = 2;
    static final int RCODE_NXDOMAIN = 3;
    private static final int HEADER = 12;

    private DnsMessage() {
    }

    /** A query's first question: the name in lower case without the final dot, and where it ends. */
    record Question(String name, int type, int klass, int end) {
    }

    /** Parses a query's question; null for responses, malformed input or anything but one question. */
    static Question question(byte[] msg, int length) {
        if (length < HEADER + 5 || (msg[2] & 0x80) != 0 || u16(msg, 4) != 1) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int pos = HEADER;
        while (true) {
            if (pos >= length) {
                return null;
            }
            int len = msg[pos] & 0xff;
            if (len == 0) {
                pos++;
                break;
            }
            if (len > 63 || pos + 1 + len > length) {
                return null; // queries carry no compression pointers in their question
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(msg, pos + 1, len, StandardCharsets.ISO_8859_1));
            pos += 1 + len;
            if (name.length() > 255) {
                return null;
            }
        }
        if (pos + 4 > length) {
            return null;
        }
        return new Question(name.toString().toLowerCase(Locale.ROOT), u16(msg, pos), u16(msg, pos + 2), pos + 4);
    }

    /**
     * A response to {@code query} with the answers given as raw RDATA of {@code type}. Additional records of the
     * query (EDNS) are not echoed.
     */
    static byte[] response(byte[] query, Question q, int rcode, int type, int ttl, List<byte[]> rdata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(q.end() + 16 * rdata.size() + 16);
        out.write(query[0]);
        out.write(query[1]);
        // QR, the query's opcode and RD; AA set since these names are ours; RA set since we forward
        out.write(0x80 | (query[2] & 0x79) | 0x04);
        out.write(0x80 | (rcode & 0x0f));
        writeU16(out, 1);
        writeU16(out, rdata.size());
        writeU16(out, 0);
        writeU16(out, 0);
        out.write(query, HEADER, q.end() - HEADER);
        for (byte[] r : rdata) {
            writeU16(out, 0xC000 | HEADER); // the name is the question's
            writeU16(out, type);
            writeU16(out, CLASS_IN);
            writeU16(out, ttl >>> 16);
            writeU16(out, ttl & 0xffff);
            writeU16(out, r.length);
            out.write(r, 0, r.length);
        }
        return out.toByteArray();
    }

    /** A name in wire form, for PTR answers. */
    static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] b = label.getBytes(StandardCharsets.ISO_8859_1);
            out.write(Math.min(b.length, 63));
            out.write(b, 0, Math.min(b.length, 63));
        }
        out.write(0);
        return out.toByteArray();
    }

    static int id(byte[] msg) {
        return u16(msg, 0);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void writeU16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xff);
        out.write(v & 0xff);
    }
}
