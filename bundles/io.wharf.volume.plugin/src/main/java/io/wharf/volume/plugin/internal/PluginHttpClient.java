package io.wharf.volume.plugin.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * HTTP/1.1 POSTs to a plugin's Unix socket, one connection per call ({@code Connection: close}), as Docker's
 * plugin protocol needs nothing more. Reads bodies framed by Content-Length, chunked encoding or the close.
 */
final class PluginHttpClient {
    static final String MEDIA_TYPE = "application/vnd.docker.plugins.v1.2+json";
    private static final int MAX_BODY = 16 << 20;

    private final Path socket;

    PluginHttpClient(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /** The status and body of {@code POST path}. */
    Reply post(String path, byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(ch);
            String head = "POST " + path + " HTTP/1.1\r\nHost: plugin\r\nUser-Agent: wharf\r\nAccept: " + MEDIA_TYPE
                    + "\r\nContent-Type: " + MEDIA_TYPE + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(Channels.newInputStream(ch));
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP response: " + status, e);
        }
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            body = chunks(in);
        } else if (length >= 0) {
            if (length > MAX_BODY) {
                throw new IOException("plugin response too large: " + length + " bytes");
            }
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("plugin response ended early");
            }
        } else {
            body = in.readNBytes(MAX_BODY);
        }
        return new Reply(code, body);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers carry nothing the protocol uses
                }
                return out.toByteArray();
            }
            if (out.size() + size > MAX_BODY) {
                throw new IOException("plugin response too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("plugin response ended early");
            }
            out.write(chunk);
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (sb.length() == 0) {
                    throw new IOException("the plugin closed the connection");
                }
                return sb.toString();
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() > 8192) {
                throw new IOException("plugin response header line too long");
            }
            sb.append((char) c);
        }
    }

    /** A response: its status and body. */
    record Reply(int status, byte[] body) {
    }
}
