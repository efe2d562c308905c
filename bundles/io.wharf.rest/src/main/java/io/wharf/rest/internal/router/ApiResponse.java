package io.wharf.rest.internal.router;

import io.wharf.rest.internal.json.JsonCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the answer to one request: a whole JSON or text body, no body, or a stream. Each writer completes
 * the exchange; a handler that returns without writing gets an empty 200. A HEAD request gets the headers
 * only.
 */
public final class ApiResponse {
    static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    static final HttpField TEXT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            MimeTypes.Type.TEXT_PLAIN_UTF_8.asString());

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final JsonCodec codec;
    private boolean taken;

    public ApiResponse(Request request, Response response, Callback callback, JsonCodec codec) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.codec = codec;
    }

    public ApiResponse status(int status) {
        response.setStatus(status);
        return this;
    }

    public ApiResponse header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public ApiResponse header(HttpField field) {
        response.getHeaders().put(field);
        return this;
    }

    /** {@code value} as JSON with status 200 (or the status set before). */
    public void json(Object value) {
        jsonBytes(codec.write(value));
    }

    public void json(int status, Object value) {
        response.setStatus(status);
        json(value);
    }

    /** JSON already encoded, for answers cached as bytes. */
    public void jsonBytes(byte[] json) {
        response.getHeaders().put(JSON);
        body(json);
    }

    public void text(String text) {
        response.getHeaders().put(TEXT);
        body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** 204 No Content. */
    public void noContent() {
        response.setStatus(204);
        end();
    }

    /** Completes the response with no (more) body. */
    public void end() {
        take();
        response.write(true, null, callback);
    }

    /** Completes the response with {@code bytes} as the body; for HEAD, with the headers only. */
    public void body(byte[] bytes) {
        take();
        if (isHead()) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    /** Starts a newline-delimited JSON stream: sends status 200 and headers now, objects as they come. */
    public JsonLineStream jsonLines() {
        take();
        response.getHeaders().put(JSON);
        JsonLineStream stream = new JsonLineStream(codec, request, response, callback);
        stream.start();
        return stream;
    }

    /**
     * Hands the exchange over to the caller, who must complete {@code callback} exactly once after its last
     * write (streams that need their own framing: logs, attach).
     */
    public Callback detach() {
        take();
        return callback;
    }

    /** The Jetty response, for writes after {@link #detach()}. */
    public Response jetty() {
        return response;
    }

    public boolean isCommitted() {
        return response.isCommitted();
    }

    /** True once a writer has taken the exchange; then the dispatcher must not complete it again. */
    public boolean isTaken() {
        return taken;
    }

    private boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    private void take() {
        if (taken) {
            throw new IllegalStateException("response already written");
        }
        taken = true;
    }
}
