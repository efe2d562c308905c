package io.wharf.rest.internal.server;

import java.nio.file.Path;
import java.util.List;

/**
 * The API server's configuration as plain values, so the server can be built without a framework.
 *
 * @param hosts listen addresses in dockerd's -H syntax
 * @param group the Unix socket's group, applied when it exists
 * @param tls serve TCP with TLS
 * @param tlsVerify require and verify client certificates (implies tls)
 * @param caCert PEM file of the CAs client certificates must chain to, or null
 * @param cert PEM file of the server certificate (chain), or null
 * @param key PEM file of the server's private key, or null
 * @param insecureTcp allow plain TCP on loopback addresses
 * @param experimental the value of the Docker-Experimental header
 * @param maxJsonBody largest JSON body accepted
 */
record ServerSettings(List<String> hosts, String group, boolean tls, boolean tlsVerify, Path caCert, Path cert,
        Path key, boolean insecureTcp, boolean experimental, long maxJsonBody) {

    ServerSettings {
        hosts = List.copyOf(hosts);
    }

    static ServerSettings from(ServerConfig c) {
        return new ServerSettings(c.hosts() == null || c.hosts().length == 0 ? List.of("unix:///run/wharf.sock")
                : List.of(c.hosts()), c.group(), c.tls(), c.tlsverify(), path(c.tlscacert()), path(c.tlscert()),
                path(c.tlskey()), c.insecure_tcp(), c.experimental(), c.api_max_json_body());
    }

    private static Path path(String p) {
        return p == null || p.isBlank() ? null : Path.of(p);
    }
}
