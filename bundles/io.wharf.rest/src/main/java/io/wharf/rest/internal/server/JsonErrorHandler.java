package io.wharf.rest.internal.server;

import io.wharf.rest.internal.json.ErrorStatus;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before they reach the API (a malformed escape in the path, a bad
 * request line) in dockerd's error shape, {@code {"message": "..."}}, instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 400 : response.getStatus();
        Object cause = request.getAttribute(ERROR_MESSAGE);
        String message = status == 400 ? "bad request: the request line or path is malformed (check the "
                + "percent-escapes in the path)" : "request refused";
        if (cause instanceof String s && !s.isBlank() && !s.equals("Bad Request")) {
            message = message + ": " + s;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorStatus.body(message)), callback);
        return true;
    }
}
