package io.wharf.rest.internal.json;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.NotImplementedException;
import io.wharf.api.errors.NotModifiedException;
import io.wharf.api.errors.PayloadTooLargeException;
import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.errors.UnavailableException;

/** The one place engine errors become HTTP status codes. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(Throwable error) {
        if (error instanceof NotFoundException) {
            return 404;
        }
        if (error instanceof InvalidArgumentException) {
            return 400;
        }
        if (error instanceof ConflictException) {
            return 409;
        }
        if (error instanceof ForbiddenException) {
            return 403;
        }
        if (error instanceof NotModifiedException) {
            return 304;
        }
        if (error instanceof UnavailableException) {
            return 503;
        }
        if (error instanceof NotImplementedException) {
            return 501;
        }
        if (error instanceof UnauthorizedException) {
            return 401;
        }
        if (error instanceof PayloadTooLargeException) {
            return 413;
        }
        return 500;
    }

    /** The message shown to the user; an exception without one is named by its type. */
    public static String message(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isEmpty() ? error.getClass().getSimpleName() : m;
    }

    /** {@code {"message":"..."}}, written by hand: it is on every error path and must not fail. */
    public static byte[] body(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 16).append("{\"message\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append("\"}\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
