package io.wharf.rest.internal.router;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the routes routers declare. Paths are written without the version prefix; a segment
 * {@code {name}} matches one path segment, {@code {name:.*}} matches one or more segments (Docker image and
 * plugin names contain {@code /}). A HEAD request without its own route is served by the GET route.
 */
public final class Routes {
    private final List<Route> routes = new ArrayList<>();

    public Routes get(String path, RouteHandler handler) {
        return add("GET", path, handler);
    }

    public Routes head(String path, RouteHandler handler) {
        return add("HEAD", path, handler);
    }

    public Routes post(String path, RouteHandler handler) {
        return add("POST", path, handler);
    }

    public Routes put(String path, RouteHandler handler) {
        return add("PUT", path, handler);
    }

    public Routes delete(String path, RouteHandler handler) {
        return add("DELETE", path, handler);
    }

    public Routes add(String method, String path, RouteHandler handler) {
        routes.add(new Route(method, PathPattern.parse(path), handler, false));
        return this;
    }

    /**
     * A route whose handler never blocks (no I/O that can wait, no locks held long): it runs on the thread
     * that read the request, saving a hand-off to a worker. For answers such as {@code /_ping}.
     */
    public Routes nonBlocking(String method, String path, RouteHandler handler) {
        routes.add(new Route(method, PathPattern.parse(path), handler, true));
        return this;
    }

    List<Route> list() {
        return routes;
    }

    /** One entry of the table. */
    record Route(String method, PathPattern pattern, RouteHandler handler, boolean nonBlocking) {
    }
}
