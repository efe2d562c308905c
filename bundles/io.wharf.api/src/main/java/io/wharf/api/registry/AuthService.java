package io.wharf.api.registry;

import org.osgi.annotation.versioning.ProviderType;

/** {@code POST /auth}: checks credentials against a registry. */
@ProviderType
public interface AuthService {
    /** Throws {@code UnauthorizedException} with the registry's message when they are refused. */
    LoginResult login(Credentials credentials);
}
