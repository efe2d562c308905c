package io.wharf.rest.internal.router;

import io.wharf.rest.internal.router.Routes.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable table built from every router's routes. Literal paths are found by one hash lookup (the
 * common case, {@code /_ping} included); patterns are tried most specific first.
 */
public final class RouteTable {
    private final Map<String, Map<String, Route>> literal = new HashMap<>();
    private final Map<String, List<Route>> patterns = new HashMap<>();

    public RouteTable(Collection<? extends Router> routers) {
        for (Router router : routers) {
            Routes routes = new Routes();
            router.routes(routes);
            for (Route r : routes.list()) {
                if (r.pattern().isLiteral()) {
                    literal.computeIfAbsent(r.method(), k -> new HashMap<>()).putIfAbsent(r.pattern().text(), r);
                } else {
                    patterns.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        Comparator<Route> bySpecificity = Comparator.comparingInt(r -> -r.pattern().specificity());
        patterns.values().forEach(list -> list.sort(bySpecificity));
    }

    public static RouteTable empty() {
        return new RouteTable(List.of());
    }

    /**
     * The route for {@code method} and the raw, still percent-encoded {@code path} (version prefix already
     * removed), or null; 400 when the path holds a malformed escape.
     */
    public Match find(String method, String path) {
        Match m = findExact(method, path);
        if (m == null && "HEAD".equals(method)) {
            m = findExact("GET", path);
        }
        return m;
    }

    private Match findExact(String method, String path) {
        Map<String, Route> byPath = literal.get(method);
        if (byPath != null) {
            Route r = byPath.get(path.indexOf('%') < 0 ? path : decodedLiteral(path));
            if (r != null) {
                return new Match(r.handler(), PathParams.NONE, r.nonBlocking());
            }
        }
        List<Route> list = patterns.get(method);
        if (list != null) {
            for (Route r : list) {
                String[] values = r.pattern().match(path);
                if (values != null) {
                    return new Match(r.handler(), new PathParams(r.pattern().names(), values), r.nonBlocking());
                }
            }
        }
        return null;
    }

    /** The path decoded segment by segment, for the literal lookup; a segment holding a slash matches none. */
    private static String decodedLiteral(String path) {
        String[] parts = path.split("/", -1);
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < parts.length; i++) {
            String d = PathSegments.decode(parts[i]);
            if (d.indexOf('/') >= 0) {
                return "";
            }
            b.append(i == 0 ? "" : "/").append(d);
        }
        return b.toString();
    }

    /** A matched route with the values of its path parameters, and whether its handler may not block. */
    public record Match(RouteHandler handler, PathParams params, boolean nonBlocking) {
    }
}
