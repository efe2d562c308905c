package io.wharf.api.container;

import java.util.Map;

/**
 * What {@code POST /containers/create} carries.
 *
 * @param networks the networks to connect at creation, by name (Docker's {@code NetworkingConfig})
 * @param platform {@code os[/arch[/variant]]}, or null
 */
public record ContainerCreateRequest(ContainerConfig config, HostConfig hostConfig,
        Map<String, EndpointSettings> networks, String platform) {
}
