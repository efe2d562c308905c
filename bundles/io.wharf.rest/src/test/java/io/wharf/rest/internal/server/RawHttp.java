package io.wharf.rest.internal.server;

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
import java.util.Map;
import java.util.TreeMap;

/** A minimal HTTP/1.1 client for tests: one keep-alive connection, Content-Length and chunked bodies. */
final class RawHttp implements AutoCloseable {
    private final AutoCloseable connection;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(AutoCloseable connection, InputStream in, OutputStream out) {
        this.connection = connection;
        this.in = in;
        this.out = out;
    }

    static RawHttp unix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        return new RawHttp(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Response get(String path) throws IOException {
        return exchange("GET", path, null, null);
    }

    Response exchange(String method, String path, String contentType, byte[] body) throws IOException {
        send(method, path, contentType, body);
        Response head = readHead();
        return new Response(head.status(), head.headers(), readBody(method, head));
    }

    void send(String method, String path, String contentType, byte[] body) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\n");
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        try {
            if (body != null) {
                out.write(body);
            }
            out.flush();
        } catch (IOException refused) {
            // A server may answer (413) and close before reading a body it refuses; like HTTP clients do,
            // go on to read that answer.
        }
    }

    /** Status line and headers; the body is left to read. */
    Response readHead() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
    }

    byte[] readBody(String method, Response head) throws IOException {
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            return new byte[0];
        }
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] c = chunk(); c != null; c = chunk()) {
                all.writeBytes(c);
            }
            return all.toByteArray();
        }
        String length = head.header("Content-Length");
        if (length == null) {
            return in.readAllBytes();
        }
        return in.readNBytes(Integer.parseInt(length));
    }

    /** The next chunk of a chunked body, or null at its end. */
    byte[] chunk() throws IOException {
        String size = line();
        if (size != null && size.isEmpty()) {
            // the CRLF ending the previous chunk: Jetty sends it with the next chunk's header
            size = line();
        }
        if (size == null) {
            throw new IOException("connection closed inside a chunked body");
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                // trailers
            }
            return null;
        }
        return in.readNBytes(n);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int len = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
