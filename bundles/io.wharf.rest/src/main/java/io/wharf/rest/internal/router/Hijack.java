package io.wharf.rest.internal.router;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Takes over a request's connection for a raw two-way stream, as dockerd does for attach and exec. A client
 * that asks to upgrade ({@code Connection: Upgrade}, {@code Upgrade: tcp}) gets {@code 101 UPGRADED} and the bare
 * connection; any other client gets a 200 whose body streams the output while its request body is the input.
 */
public final class Hijack {
    public static final String RAW_STREAM = "application/vnd.docker.raw-stream";
    public static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

    private Hijack() {
    }

    /**
     * Completes the HTTP part of the exchange and runs {@code session} with the stream; errors after this go in
     * the stream, and the session closes it. With an upgrade the endpoint changes hands only once the handler
     * has returned, so the session then runs on another thread; otherwise it runs on the caller's.
     */
    public static void take(ApiRequest req, ApiResponse res, String contentType, Session session) {
        if (wantsUpgrade(req)) {
            upgrade(req, res, r -> r.status(101).header("Content-Type", contentType).header("Connection", "Upgrade")
                    .header("Upgrade", "tcp"), raw -> raw, session);
            return;
        }
        res.status(200).header("Content-Type", contentType);
        Callback callback = res.detach();
        StreamedExchange exchange = new StreamedExchange(req.body(), res.jetty(), callback);
        try {
            session.run(exchange, () -> { });
        } finally {
            exchange.close();
        }
    }

    /**
     * Like {@link #take} for a client that asks for a WebSocket ({@code Upgrade: websocket} with a
     * {@code Sec-WebSocket-Key}): the session's stream sends and receives WebSocket frames.
     */
    public static void takeWebSocket(ApiRequest req, ApiResponse res, Session session) {
        String key = req.header("Sec-WebSocket-Key");
        String upgrade = req.header("Upgrade");
        if (key == null || key.isBlank() || upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new InvalidArgumentException("this endpoint needs a WebSocket upgrade request");
        }
        upgrade(req, res, r -> r.status(101).header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Accept", WebSocketStream.accept(key)), WebSocketStream::new, session);
    }

    private static void upgrade(ApiRequest req, ApiResponse res, java.util.function.Consumer<ApiResponse> head,
            java.util.function.UnaryOperator<HijackedStream> wrap, Session session) {
        Request request = req.jetty();
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        RawConnection raw = new RawConnection(endPoint, request.getComponents().getExecutor());
        HijackedStream stream = wrap.apply(raw);
        // The session starts before the 101 goes out and says when it is in place (an attach registered
        // before the client, told it is attached, starts the container); its writes wait for the switch.
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                session.run(stream, ready::countDown);
            } finally {
                ready.countDown();
                stream.close();
            }
        }, "wharf-hijacked-" + endPoint.hashCode());
        t.setDaemon(true);
        t.start();
        try {
            ready.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, raw);
        head.accept(res);
        Callback callback = res.detach();
        res.jetty().write(true, null, callback);
    }

    /** What runs on a taken-over connection; it calls {@code ready} once it is in place. */
    @FunctionalInterface
    public interface Session {
        void run(HijackedStream stream, Runnable ready);
    }

    static boolean wantsUpgrade(ApiRequest req) {
        String connection = req.header("Connection");
        String upgrade = req.header("Upgrade");
        return upgrade != null && !upgrade.isEmpty() && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /** The plain-HTTP form: output as the response body, input from the request body. */
    private static final class StreamedExchange implements HijackedStream {
        private final InputStream input;
        private final Response response;
        private final Callback callback;
        private boolean closed;

        StreamedExchange(InputStream input, Response response, Callback callback) {
            this.input = input;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public InputStream input() {
            return input;
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            FutureCallback cb = new FutureCallback();
            response.write(false, ByteBuffer.wrap(java.util.Arrays.copyOfRange(data, offset, offset + length)), cb);
            try {
                cb.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            } catch (ExecutionException e) {
                throw new IOException("the client went away", e.getCause());
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                response.write(true, null, callback);
            }
        }
    }
}
