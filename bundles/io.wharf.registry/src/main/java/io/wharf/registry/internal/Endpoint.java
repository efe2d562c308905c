package io.wharf.registry.internal;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * A registry's API root as found by a ping: {@code base} is {@code scheme://host[:port]} (requests go to
 * {@code base + "/v2/..."}), {@code client} the HTTP client to use (one that skips TLS verification for
 * insecure registries).
 */
record Endpoint(String domain, URI base, HttpClient client) {
    URI resolve(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }

    boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
