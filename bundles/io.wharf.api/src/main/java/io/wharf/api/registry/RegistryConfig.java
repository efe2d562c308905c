package io.wharf.api.registry;

import java.util.List;

/**
 * How the engine reaches registries: {@code insecureRegistries} are CIDRs ({@code 10.0.0.0/8}) or
 * {@code host[:port]} names that may be reached over plain HTTP or with unverified TLS, {@code mirrors} are
 * URLs tried before Docker Hub for pulls. Loopback registries are always insecure, as in dockerd.
 */
public record RegistryConfig(List<String> insecureRegistries, List<String> mirrors) {
    /** The CIDRs dockerd lists as insecure without configuration. */
    public static final List<String> DEFAULT_INSECURE_CIDRS = List.of("::1/128", "127.0.0.0/8");

    public RegistryConfig {
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(List.of(), List.of());
    }
}
