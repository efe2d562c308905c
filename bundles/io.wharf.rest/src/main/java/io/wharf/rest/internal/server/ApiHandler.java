package io.wharf.rest.internal.server;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.system.SystemService;
import io.wharf.rest.internal.json.ErrorStatus;
import io.wharf.rest.internal.json.JsonCodec;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.ApiVersion;
import io.wharf.rest.internal.router.RouteTable;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single Jetty handler of the API: strips and checks the version prefix, adds the headers dockerd sends
 * on every response, dispatches through the route table and turns exceptions into JSON errors.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final HttpField API_VERSION = new PreEncodedHttpField("Api-Version", SystemService.API_VERSION);
    private static final HttpField OSTYPE = new PreEncodedHttpField("Ostype", "linux");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final JsonCodec codec;
    private final long maxJsonBody;
    private final HttpField experimental;
    private volatile RouteTable routes = RouteTable.empty();
    private volatile SystemService system;
    private volatile HttpField server;

    ApiHandler(JsonCodec codec, long maxJsonBody, boolean experimental) {
        // Jetty may call this on the thread that read the request; routes that can block are handed to a
        // worker below, so only the cheap ones (ping, version, errors) are answered in place.
        super(InvocationType.NON_BLOCKING);
        this.codec = codec;
        this.maxJsonBody = maxJsonBody;
        this.experimental = new PreEncodedHttpField("Docker-Experimental", Boolean.toString(experimental));
    }

    void setRoutes(RouteTable routes) {
        this.routes = routes;
    }

    /** The service the {@code Server} header takes the engine version from; null while there is none. */
    void setSystemService(SystemService system) {
        this.system = system;
        this.server = null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        HttpField serverField = serverHeader();
        if (serverField != null) {
            headers.add(serverField);
        }
        headers.add(API_VERSION);
        headers.add(experimental);
        headers.add(OSTYPE);

        // the raw path: the route table decodes each segment once, so %2F inside an image name survives
        String path = request.getHttpURI().getPath();
        ApiVersion version = ApiVersion.CURRENT;
        if (path.length() > 2 && path.charAt(1) == 'v' && isDigit(path.charAt(2))) {
            int slash = path.indexOf('/', 2);
            String v = slash < 0 ? path.substring(2) : path.substring(2, slash);
            if (isVersion(v)) {
                path = slash < 0 ? "" : path.substring(slash);
                version = ApiVersion.parse(v);
                if (version.compareTo(ApiVersion.MINIMUM) < 0) {
                    return error(request, response, callback, new InvalidArgumentException("client version " + v
                            + " is too old. Minimum supported API version is " + SystemService.MIN_API_VERSION
                            + ", please upgrade your client to a newer version"));
                }
                if (version.compareTo(ApiVersion.CURRENT) > 0) {
                    return error(request, response, callback, new InvalidArgumentException("client version " + v
                            + " is too new. Maximum supported API version is " + SystemService.API_VERSION));
                }
            }
        }
        RouteTable.Match match;
        try {
            match = routes.find(request.getMethod(), path);
        } catch (InvalidArgumentException e) {
            return error(request, response, callback, e);
        }
        if (match == null) {
            return error(request, response, callback, new NotFoundException("page not found"));
        }
        if (match.nonBlocking()) {
            return dispatch(match, version, path, request, response, callback);
        }
        String routePath = path;
        ApiVersion routeVersion = version;
        request.getComponents().getExecutor().execute(
                () -> dispatch(match, routeVersion, routePath, request, response, callback));
        return true;
    }

    private boolean dispatch(RouteTable.Match match, ApiVersion version, String path, Request request,
            Response response, Callback callback) {
        ApiResponse res = new ApiResponse(request, response, callback, codec);
        try {
            match.handler().handle(new ApiRequest(request, version, path, match.params(), codec, maxJsonBody), res);
            if (!res.isTaken()) {
                res.end();
            }
        } catch (Throwable t) {
            if (res.isTaken()) {
                // the answer is already on its way: all that is left is to cut it off
                LOG.warn("{} {} failed after its response started", request.getMethod(), path, t);
                if (!response.isCommitted()) {
                    return error(request, response, callback, t);
                }
                callback.failed(t);
                return true;
            }
            return error(request, response, callback, t);
        }
        return true;
    }

    private boolean error(Request request, Response response, Callback callback, Throwable t) {
        int status = ErrorStatus.of(t);
        if (status == 500) {
            LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), t);
        } else {
            LOG.debug("{} {}: {} {}", request.getMethod(), request.getHttpURI().getPath(), status, t.getMessage());
        }
        response.setStatus(status);
        if (status == 304 || "HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(JSON);
            response.write(true, ByteBuffer.wrap(ErrorStatus.body(ErrorStatus.message(t))), callback);
        }
        return true;
    }

    private HttpField serverHeader() {
        HttpField f = server;
        SystemService s = system;
        if (f == null && s != null) {
            try {
                f = new PreEncodedHttpField(HttpHeader.SERVER, "Docker/" + s.version().version() + " (linux)");
                server = f;
            } catch (RuntimeException e) {
                LOG.debug("engine version not available yet", e);
            }
        }
        return f;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isVersion(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '.' && !isDigit(c)) {
                return false;
            }
        }
        return !v.isEmpty();
    }
}
