package io.wharf.registry.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.registry.Credentials;
import io.wharf.registry.internal.RegistryErrors.RegistryError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sends requests to registries: finds each registry's endpoint with a {@code /v2/} ping (and remembers it),
 * authorizes requests as the registry's challenges demand, retries once with fresh authorization after a 401,
 * and turns a second 401 into an {@link UnauthorizedException} with the registry's message.
 */
final class RegistryTransport {
    static final String DOCKER_HUB = "docker.io";
    static final URI DOCKER_HUB_API = URI.create("https://registry-1.docker.io");
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_REDIRECTS = 10;

    private final HttpClient secure;
    private final HttpClient insecure;
    private final InsecureRegistries insecureRegistries;
    private final ObjectMapper json;
    private final Authenticator authenticator;
    private final URI hubApi;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<URI, List<Challenge>> challenges = new ConcurrentHashMap<>();

    RegistryTransport(HttpClient secure, HttpClient insecure, InsecureRegistries insecureRegistries,
            ObjectMapper json, Authenticator authenticator, URI hubApi) {
        this.hubApi = hubApi;
        this.secure = secure;
        this.insecure = insecure;
        this.insecureRegistries = insecureRegistries;
        this.json = json;
        this.authenticator = authenticator;
    }

    ObjectMapper json() {
        return json;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    HttpClient clientFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        String domain = uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
        return insecureRegistries.isInsecure(domain) ? insecure : secure;
    }

    List<Challenge> challenges(Endpoint endpoint) {
        return challenges.getOrDefault(endpoint.base(), List.of());
    }

    /** The endpoint of the registry {@code domain}, pinging it the first time. */
    Endpoint endpoint(String domain) {
        Endpoint known = endpoints.get(domain);
        if (known != null) {
            return known;
        }
        Endpoint found = ping(domain, candidates(domain));
        Endpoint raced = endpoints.putIfAbsent(domain, found);
        return raced != null ? raced : found;
    }

    /** The endpoint at a configured mirror URL. */
    Endpoint mirror(URI url) {
        String key = "mirror " + url;
        Endpoint known = endpoints.get(key);
        if (known != null) {
            return known;
        }
        URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority());
        Endpoint found = ping(DOCKER_HUB, List.of(new Endpoint(DOCKER_HUB, base, clientFor(base))));
        Endpoint raced = endpoints.putIfAbsent(key, found);
        return raced != null ? raced : found;
    }

    /** Forgets a registry's endpoint, so that the next request pings again (after a connection failure). */
    void forget(Endpoint endpoint) {
        endpoints.values().remove(endpoint);
    }

    /** Forgets every endpoint: after a reload, each registry is pinged again under the new insecure entries. */
    void forgetAll() {
        endpoints.clear();
    }

    // HTTPS with verified certificates unless the registry is insecure. Insecure registries get HTTPS without
    // verification and then plain HTTP, as in dockerd; loopback registries try plain HTTP first, since a
    // registry on this machine nearly always speaks it, and a TLS attempt at a plain server can stall.
    private List<Endpoint> candidates(String domain) {
        if (domain.equals(DOCKER_HUB)) {
            return List.of(new Endpoint(domain, hubApi, clientFor(hubApi)));
        }
        Endpoint https = new Endpoint(domain, URI.create("https://" + domain), secure);
        if (!insecureRegistries.isInsecure(domain)) {
            return List.of(https);
        }
        Endpoint httpsUnverified = new Endpoint(domain, https.base(), insecure);
        Endpoint http = new Endpoint(domain, URI.create("http://" + domain), insecure);
        if (isLoopback(domain)) {
            return List.of(http, httpsUnverified);
        }
        return List.of(httpsUnverified, http);
    }

    private static boolean isLoopback(String domain) {
        String host = InsecureRegistries.hostOf(domain);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private Endpoint ping(String domain, List<Endpoint> candidates) {
        WharfException failure = null;
        for (Endpoint candidate : candidates) {
            URI uri = candidate.resolve("/v2/");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(PING_TIMEOUT).GET().build();
            try {
                HttpResponse<InputStream> response =
                        candidate.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                RegistryErrors.read(response.body(), json);
                int status = response.statusCode();
                boolean isRegistry = status == 200 || status == 401 || status == 403
                        || response.headers().firstValue("Docker-Distribution-API-Version").isPresent();
                if (!isRegistry) {
                    failure = new WharfException("Get \"" + uri + "\": unexpected status " + status + " "
                            + HttpStatus.text(status) + " from the registry ping");
                    continue;
                }
                List<Challenge> found = Challenge.parseAll(response.headers().allValues("WWW-Authenticate"));
                challenges.put(candidate.base(), found);
                return candidate;
            } catch (IOException e) {
                failure = new WharfException("Get \"" + uri + "\": " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WharfException("interrupted while contacting " + domain, e);
            }
        }
        throw failure;
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            Throwable cause = e.getCause();
            m = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getClass().getSimpleName();
        }
        if (e instanceof java.net.ConnectException && !m.contains("refused")) {
            m = "connect: connection refused";
        }
        return m;
    }

    /**
     * Sends a request built by {@code request} (called again for the retry) with the authorization the
     * registry asks for. The caller reads and closes the body.
     */
    HttpResponse<InputStream> send(Endpoint endpoint, List<String> scopes, Credentials credentials,
            Supplier<HttpRequest.Builder> request) {
        try {
            return authorizedSend(endpoint, scopes, credentials, request);
        } catch (WharfException e) {
            if (e.getCause() instanceof IOException) {
                // The registry may have restarted elsewhere or with another scheme: ping again next time.
                forget(endpoint);
            }
            throw e;
        }
    }

    private HttpResponse<InputStream> authorizedSend(Endpoint endpoint, List<String> scopes,
            Credentials credentials, Supplier<HttpRequest.Builder> request) {
        String authorization = authenticator.authorization(challenges(endpoint), scopes, credentials, false);
        HttpResponse<InputStream> response = exchange(endpoint.client(), request, authorization);
        if (response.statusCode() != 401) {
            return response;
        }
        List<Challenge> fresh = Challenge.parseAll(response.headers().allValues("WWW-Authenticate"));
        List<RegistryError> errors = RegistryErrors.read(response.body(), json);
        if (!fresh.isEmpty()) {
            challenges.put(endpoint.base(), fresh);
        }
        String retry = authenticator.authorization(fresh.isEmpty() ? challenges(endpoint) : fresh, scopes,
                credentials, true);
        if (retry == null || retry.equals(authorization) && retry.startsWith("Basic ")) {
            throw new UnauthorizedException(RegistryErrors.describe(errors, 401));
        }
        response = exchange(endpoint.client(), request, retry);
        if (response.statusCode() == 401) {
            throw new UnauthorizedException(RegistryErrors.describe(RegistryErrors.read(response.body(), json), 401));
        }
        return response;
    }

    /**
     * Like {@link #send} for GETs whose answer may be a redirect to storage elsewhere: redirects are followed,
     * carrying the registry's authorization only to the registry itself.
     */
    HttpResponse<InputStream> sendFollowingRedirects(Endpoint endpoint, List<String> scopes, Credentials credentials,
            Supplier<HttpRequest.Builder> request) {
        HttpResponse<InputStream> response = send(endpoint, scopes, credentials, request);
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(response.statusCode()); i++) {
            Optional<String> location = response.headers().firstValue("Location");
            RegistryErrors.read(response.body(), json);
            if (location.isEmpty()) {
                throw new WharfException("registry redirected without a Location");
            }
            URI target = response.uri().resolve(location.get());
            if (endpoint.sameOrigin(target)) {
                response = send(endpoint, scopes, credentials, () -> copyTo(request.get(), target));
            } else {
                response = exchange(clientFor(target), () -> copyTo(request.get(), target), null);
            }
        }
        return response;
    }

    private static HttpRequest.Builder copyTo(HttpRequest.Builder builder, URI target) {
        return builder.uri(target);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    HttpResponse<InputStream> exchange(HttpClient client, Supplier<HttpRequest.Builder> request,
            String authorization) {
        HttpRequest.Builder builder = request.get();
        if (authorization != null) {
            builder.setHeader("Authorization", authorization);
        }
        HttpRequest built = builder.build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new WharfException(methodName(built.method()) + " \"" + built.uri() + "\": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("interrupted while talking to " + built.uri().getAuthority(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new WharfException(methodName(built.method()) + " \"" + built.uri() + "\": "
                    + describe(e.getCause()), e);
        }
    }

    private static String methodName(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** All endpoints known, for diagnostics and tests. */
    List<Endpoint> knownEndpoints() {
        return new ArrayList<>(endpoints.values());
    }
}
