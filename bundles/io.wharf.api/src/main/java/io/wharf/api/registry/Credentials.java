package io.wharf.api.registry;

import io.wharf.api.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Registry credentials as the docker CLI sends them (its {@code AuthConfig}): a user name and password, or the
 * same pair base64-encoded in {@code auth}, an {@code identityToken} (a refresh token from an earlier login)
 * or a {@code registryToken} (a bearer token used as is). {@link #anonymous()} carries nothing.
 */
public record Credentials(String username, String password, String auth, String email, String serverAddress,
        String identityToken, String registryToken) {

    private static final Credentials ANONYMOUS = new Credentials("", "", "", "", "", "", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        auth = auth == null ? "" : auth;
        email = email == null ? "" : email;
        serverAddress = serverAddress == null ? "" : serverAddress;
        identityToken = identityToken == null ? "" : identityToken;
        registryToken = registryToken == null ? "" : registryToken;
        // "auth" is the older form of the pair; unpack it so that users of this record need look at one place.
        if (username.isEmpty() && password.isEmpty() && !auth.isEmpty()) {
            String decoded = decodeBase64(auth, "auth");
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new InvalidArgumentException("invalid auth configuration: auth must be base64(username:password)");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
    }

    public static Credentials anonymous() {
        return ANONYMOUS;
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, "", "", "", "", "");
    }

    /**
     * Decodes the {@code X-Registry-Auth} header: base64url (padded or not) of the JSON object with the keys
     * {@code username}, {@code password}, {@code auth}, {@code email}, {@code serveraddress},
     * {@code identitytoken}, {@code registrytoken}. A missing or empty header, or {@code {}}, is anonymous.
     */
    public static Credentials fromRegistryAuthHeader(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        String json = decodeBase64(header.trim(), "X-Registry-Auth header");
        return fromJson(json);
    }

    /** Parses the JSON form of the credentials, as in the body of {@code POST /auth}; keys are case-insensitive. */
    public static Credentials fromJson(String json) {
        if (json == null || json.isBlank()) {
            return ANONYMOUS;
        }
        Map<String, String> fields;
        try {
            fields = FlatJsonObject.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("invalid X-Registry-Auth header: " + e.getMessage(), e);
        }
        return new Credentials(fields.get("username"), fields.get("password"), fields.get("auth"),
                fields.get("email"), fields.get("serveraddress"), fields.get("identitytoken"),
                fields.get("registrytoken"));
    }

    /** The header value for these credentials (base64url of their JSON), as the docker CLI would send it. */
    public String toRegistryAuthHeader() {
        String json = "{" + FlatJsonObject.field("username", username) + "," + FlatJsonObject.field("password", password)
                + "," + FlatJsonObject.field("email", email) + "," + FlatJsonObject.field("serveraddress", serverAddress)
                + "," + FlatJsonObject.field("identitytoken", identityToken)
                + "," + FlatJsonObject.field("registrytoken", registryToken) + "}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether these credentials carry nothing to authenticate with. */
    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty() && registryToken.isEmpty();
    }

    /** The same credentials with another identity token, as a login returns them. */
    public Credentials withIdentityToken(String token) {
        return new Credentials(username, password, "", email, serverAddress, token, registryToken);
    }

    @Override
    public String toString() {
        // Never let a password or token reach a log line.
        return "Credentials[username=" + username + ", serverAddress=" + serverAddress
                + (password.isEmpty() ? "" : ", password=***") + (identityToken.isEmpty() ? "" : ", identityToken=***")
                + (registryToken.isEmpty() ? "" : ", registryToken=***") + "]";
    }

    private static String decodeBase64(String text, String what) {
        // The CLI uses base64url; older clients and scripts send the standard alphabet, so accept both.
        String url = text.replace('+', '-').replace('/', '_');
        try {
            return new String(Base64.getUrlDecoder().decode(url), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("invalid " + what + ": " + e.getMessage(), e);
        }
    }
}
