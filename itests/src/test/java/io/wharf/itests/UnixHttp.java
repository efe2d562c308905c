package io.wharf.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 client over a Unix socket: one request per connection, chunked bodies decoded. */
public final class UnixHttp {
    /** A response: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private UnixHttp() {
    }

    public static Response get(Path socket, String path) throws IOException {
        return request(socket, "GET", path, null);
    }

    public static Response request(Path socket, String method, String path, String body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n")
                    + "\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            if (payload.length > 0) {
                ch.write(ByteBuffer.wrap(payload));
            }
            InputStream in = Channels.newInputStream(ch);
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if ("HEAD".equals(method) || status == 204 || status == 304) {
                return new Response(status, headers, "");
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (true) {
                    String size = readLine(in);
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        break;
                    }
                    out.write(in.readNBytes(n));
                    readLine(in);
                }
            } else if (headers.containsKey("content-length")) {
                out.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else {
                in.transferTo(out);
            }
            return new Response(status, headers, out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c == -1 && sb.length() == 0) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }
}
