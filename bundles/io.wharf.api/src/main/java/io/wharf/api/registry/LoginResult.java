package io.wharf.api.registry;

/**
 * The outcome of a successful login, the body of {@code POST /auth}: the status ({@value #SUCCEEDED}) and an
 * identity token when the registry issued one (empty otherwise).
 */
public record LoginResult(String status, String identityToken) {
    public static final String SUCCEEDED = "Login Succeeded";

    public LoginResult {
        identityToken = identityToken == null ? "" : identityToken;
    }
}
