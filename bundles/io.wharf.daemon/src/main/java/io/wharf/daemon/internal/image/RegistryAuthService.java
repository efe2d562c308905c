package io.wharf.daemon.internal.image;

import io.wharf.api.registry.AuthService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.RegistryClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code POST /auth}: asks the registry named in the credentials whether it accepts them. */
@Component(service = AuthService.class)
public final class RegistryAuthService implements AuthService {
    private final RegistryClient registry;

    @Activate
    public RegistryAuthService(@Reference RegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public LoginResult login(Credentials credentials) {
        return registry.login(credentials.serverAddress(), credentials);
    }
}
