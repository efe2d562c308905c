package io.wharf.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.registry.Credentials;
import io.wharf.registry.internal.RegistryErrors.RegistryError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers registry challenges: Basic with the user's name and password, Bearer with a token from the
 * challenge's realm for the requested scopes (Docker's token protocol, or the OAuth2 refresh-token grant when
 * the credentials carry an identity token). Tokens are cached per realm, service, scopes and credentials until
 * shortly before they expire.
 */
final class Authenticator {
    /** The client ID Docker's token protocol expects when asking for a refresh token. */
    static final String CLIENT_ID = "docker";
    private static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A bearer token, when it stops being usable, and a refresh token if the server issued one. */
    record Token(String value, Instant expires, String refreshToken) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Function<URI, HttpClient> clients;
    private final Clock clock;

    Authenticator(ObjectMapper json, Function<URI, HttpClient> clients, Clock clock) {
        this.json = json;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * The {@code Authorization} header for a request under {@code challenges}, or null to go without one.
     * {@code renew} bypasses the token cache, after the registry refused a cached token.
     */
    String authorization(List<Challenge> challenges, List<String> scopes, Credentials credentials, boolean renew) {
        if (!credentials.registryToken().isEmpty()) {
            return "Bearer " + credentials.registryToken();
        }
        Challenge bearer = find(challenges, "bearer");
        if (bearer != null) {
            String key = cacheKey(bearer, scopes, credentials);
            Token token = renew ? null : tokens.get(key);
            if (token == null || !clock.instant().isBefore(token.expires().minus(EARLY_REFRESH))) {
                token = fetchToken(bearer, scopes, credentials, false);
                tokens.put(key, token);
            }
            return "Bearer " + token.value();
        }
        Challenge basic = find(challenges, "basic");
        if (basic != null && !credentials.username().isEmpty()) {
            return basic(credentials);
        }
        return null;
    }

    static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static Challenge find(List<Challenge> challenges, String scheme) {
        for (Challenge c : challenges) {
            if (c.scheme().equals(scheme)) {
                return c;
            }
        }
        return null;
    }

    /** Asks the challenge's realm for a token; {@code offline} also asks for a refresh token (for login). */
    Token fetchToken(Challenge bearer, List<String> scopes, Credentials credentials, boolean offline) {
        String realm = bearer.parameter("realm");
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            realmUri = null;
        }
        if (realmUri == null || realmUri.getScheme() == null
                || !(realmUri.getScheme().equals("https") || realmUri.getScheme().equals("http"))) {
            throw new WharfException("invalid token auth challenge realm: \"" + realm + "\"");
        }
        String service = bearer.parameter("service");
        if (!credentials.identityToken().isEmpty()) {
            Token t = postRefreshToken(realmUri, service, scopes, credentials);
            if (t != null) {
                return t;
            }
        }
        StringBuilder query = new StringBuilder();
        if (!service.isEmpty()) {
            param(query, "service", service);
        }
        for (String scope : scopes) {
            param(query, "scope", scope);
        }
        if (!credentials.username().isEmpty()) {
            param(query, "account", credentials.username());
        }
        if (offline) {
            param(query, "offline_token", "true");
            param(query, "client_id", CLIENT_ID);
        }
        URI uri = withQuery(realmUri, query.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (!credentials.username().isEmpty()) {
            request.header("Authorization", basic(credentials));
        }
        return readToken(send(uri, request.build()), credentials.identityToken());
    }

    // The OAuth2 refresh-token grant; null when the server does not offer it, so that the caller falls back.
    private Token postRefreshToken(URI realm, String service, List<String> scopes, Credentials credentials) {
        StringBuilder form = new StringBuilder();
        param(form, "grant_type", "refresh_token");
        param(form, "service", service);
        param(form, "client_id", CLIENT_ID);
        param(form, "refresh_token", credentials.identityToken());
        param(form, "scope", String.join(" ", scopes));
        HttpRequest request = HttpRequest.newBuilder(realm).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<InputStream> response = send(realm, request);
        if (response.statusCode() == 404 || response.statusCode() == 405) {
            RegistryErrors.read(response.body(), json);
            return null;
        }
        return readToken(response, credentials.identityToken());
    }

    private HttpResponse<InputStream> send(URI uri, HttpRequest request) {
        try {
            return clients.apply(uri).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new WharfException(request.method() + " \"" + uri + "\": " + RegistryTransport.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("interrupted while fetching a registry token", e);
        }
    }

    private Token readToken(HttpResponse<InputStream> response, String previousRefreshToken) {
        int status = response.statusCode();
        if (status != 200) {
            List<RegistryError> errors = RegistryErrors.read(response.body(), json);
            String message = RegistryErrors.describe(errors, status);
            if (status == 401 || status == 403) {
                if (!errors.isEmpty() && errors.get(0).code().isEmpty()) {
                    message = "unauthorized: " + message;
                }
                throw new UnauthorizedException(message);
            }
            throw new WharfException("token request to " + response.uri() + " failed: " + message);
        }
        JsonNode body;
        try (InputStream in = response.body()) {
            body = json.readTree(in.readNBytes(1024 * 1024));
        } catch (IOException e) {
            throw new WharfException("unable to decode token response: " + e.getMessage(), e);
        }
        String token = body == null ? "" : body.path("token").asText("");
        if (token.isEmpty() && body != null) {
            token = body.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new WharfException("authorization server did not include a token in the response");
        }
        long lifetime = body.path("expires_in").asLong(0);
        Duration life = Duration.ofSeconds(Math.max(lifetime, MIN_LIFETIME.getSeconds()));
        String refresh = body.path("refresh_token").asText("");
        return new Token(token, clock.instant().plus(life), refresh.isEmpty() ? previousRefreshToken : refresh);
    }

    private static String cacheKey(Challenge bearer, List<String> scopes, Credentials c) {
        String secret = c.username() + '\0' + c.password() + '\0' + c.identityToken();
        return bearer.parameter("realm") + '\n' + bearer.parameter("service") + '\n'
                + String.join(" ", new TreeSet<>(scopes)) + '\n'
                + Digests.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static void param(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static URI withQuery(URI uri, String query) {
        if (query.isEmpty()) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    /** Removes every cached token, for tests of expiry and for configuration changes. */
    void clear() {
        tokens.clear();
    }

    List<String> cachedKeys() {
        return new ArrayList<>(tokens.keySet());
    }
}
