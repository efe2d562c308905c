package io.wharf.rest.internal.router;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.api.common.Filters;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.PayloadTooLargeException;
import io.wharf.rest.internal.json.FiltersParam;
import io.wharf.rest.internal.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A matched API request: the API version the client asked for, path parameters, query parameters read with
 * dockerd's rules, and the body as JSON or as a raw stream.
 */
public final class ApiRequest {
    private final Request request;
    private final ApiVersion version;
    private final String path;
    private final PathParams params;
    private final JsonCodec codec;
    private final long maxJsonBody;
    private Fields query;

    public ApiRequest(Request request, ApiVersion version, String path, PathParams params, JsonCodec codec,
            long maxJsonBody) {
        this.request = request;
        this.version = version;
        this.path = path;
        this.params = params;
        this.codec = codec;
        this.maxJsonBody = maxJsonBody;
    }

    /** The version the client asked for in the path, or the current one when it asked for none. */
    public ApiVersion version() {
        return version;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    /** The path without the version prefix. */
    public String path() {
        return path;
    }

    /** A path parameter of the route, such as {@code id} in {@code /containers/{id}/json}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return v;
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The first value of query parameter {@code name}, or null when absent. */
    public String query(String name) {
        Fields.Field f = queryFields().get(name);
        return f == null ? null : f.getValue();
    }

    /** Every value of query parameter {@code name} ({@code ?a=1&a=2}); empty when absent. */
    public List<String> queryValues(String name) {
        Fields.Field f = queryFields().get(name);
        return f == null ? List.of() : f.getValues();
    }

    public boolean hasQuery(String name) {
        return queryFields().get(name) != null;
    }

    /**
     * dockerd's boolean query rule: absent, empty, {@code 0}, {@code no}, {@code false} and {@code none} are
     * false, anything else ({@code 1}, {@code true}, {@code True}) is true.
     */
    public boolean bool(String name) {
        String v = query(name);
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return !(s.isEmpty() || s.equals("0") || s.equals("no") || s.equals("false") || s.equals("none"));
    }

    /** As {@link #bool(String)}, but {@code fallback} when the parameter is absent or empty. */
    public boolean bool(String name, boolean fallback) {
        String v = query(name);
        return v == null || v.isEmpty() ? fallback : bool(name);
    }

    /** An integer parameter, {@code fallback} when absent or empty, dockerd's 400 when not a number. */
    public long integer(String name, long fallback) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid value for " + name + ": " + v);
        }
    }

    /** The {@code filters} parameter in either of dockerd's JSON forms; empty when absent. */
    public Filters filters() {
        return FiltersParam.parse(codec.mapper(), query("filters"));
    }

    /**
     * The body as JSON of {@code type}; null when there is no body. Rejects a Content-Type other than JSON
     * (400), malformed JSON (400) and a body above the size limit (413).
     */
    public <T> T json(Class<T> type) {
        byte[] body = jsonBody();
        return body == null ? null : codec.read(body, type);
    }

    public <T> T json(TypeReference<T> type) {
        byte[] body = jsonBody();
        return body == null ? null : codec.read(body, type);
    }

    /** The raw body as a blocking stream, for uploads (build contexts, image archives). */
    public InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /** The Jetty request, for what the helpers do not cover (connection hijacking). */
    public Request jetty() {
        return request;
    }

    public JsonCodec codec() {
        return codec;
    }

    private Fields queryFields() {
        if (query == null) {
            query = request.getHttpURI().getQuery() == null ? Fields.EMPTY : Request.extractQueryParameters(request);
        }
        return query;
    }

    private byte[] jsonBody() {
        long length = request.getLength();
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (length == 0) {
            return null;
        }
        if (length > maxJsonBody) {
            throw tooLarge();
        }
        try (InputStream in = body()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxJsonBody + 1));
            if (data.length > maxJsonBody) {
                throw tooLarge();
            }
            // checked after reading, so that the connection stays usable for the next request
            if (data.length > 0 && type != null && !type.isEmpty() && !isJson(type)) {
                throw new InvalidArgumentException("unsupported Content-Type header (" + type
                        + "): must be 'application/json'");
            }
            return data.length == 0 ? null : data;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("request body is larger than " + maxJsonBody + " bytes");
    }

    private static boolean isJson(String contentType) {
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return mime.equalsIgnoreCase("application/json");
    }
}
