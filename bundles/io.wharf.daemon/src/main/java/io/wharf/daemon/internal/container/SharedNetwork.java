package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.HostConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * dockerd's rules for a container that shares another's network namespace ({@code --network container:<id>}) or
 * the host's: the options that would configure a network of its own are refused at creation, and at start the
 * container takes the other's hostname and domain name, as it sees the other's {@code /etc} files.
 */
final class SharedNetwork {
    private SharedNetwork() {
    }

    /** Refuses what cannot apply, with dockerd's messages (400), in dockerd's order. */
    static void validate(ContainerConfig cfg, HostConfig hc) {
        String mode = hc.networkMode() == null ? "" : hc.networkMode();
        boolean container = mode.startsWith("container:");
        boolean host = mode.equals("host");
        if (container && notEmpty(cfg.hostname())) {
            throw new InvalidArgumentException("conflicting options: hostname and the network mode");
        }
        if (host && !SpecFactory.list(hc.links()).isEmpty()) {
            throw new InvalidArgumentException("conflicting options: host type networking can't be used with "
                    + "links. This would result in undefined behavior");
        }
        if (container && !SpecFactory.list(hc.links()).isEmpty()) {
            throw new InvalidArgumentException("conflicting options: container type network can't be used with "
                    + "links. This would result in undefined behavior");
        }
        if (container && !SpecFactory.list(hc.dns()).isEmpty()) {
            throw new InvalidArgumentException("conflicting options: dns and the network mode");
        }
        if (container && !SpecFactory.list(hc.extraHosts()).isEmpty()) {
            throw new InvalidArgumentException("conflicting options: custom host-to-IP mapping and the network mode");
        }
        if ((container || host) && notEmpty(cfg.macAddress())) {
            throw new InvalidArgumentException("conflicting options: mac-address and the network mode");
        }
        if (container && (hc.portBindings() != null && !hc.portBindings().isEmpty() || hc.publishAllPorts())) {
            throw new InvalidArgumentException("conflicting options: port publishing and the container type "
                    + "network mode");
        }
        if (container && cfg.exposedPorts() != null && !cfg.exposedPorts().isEmpty()) {
            throw new InvalidArgumentException("conflicting options: port exposing and the container type network "
                    + "mode");
        }
    }

    /** The joining container answers to the other's hostname, as in dockerd (which records it in its config). */
    static void adoptNames(Container c, Container other) {
        ContainerConfig k = c.config;
        String hostname = SpecFactory.hostname(other);
        String domain = other.config.domainname();
        if (hostname.equals(k.hostname()) && (domain == null ? "" : domain).equals(k.domainname())) {
            return;
        }
        c.config = new ContainerConfig(hostname, domain, k.user(), k.attachStdin(), k.attachStdout(),
                k.attachStderr(), k.exposedPorts(), k.tty(), k.openStdin(), k.stdinOnce(), k.env(), k.cmd(),
                k.healthcheck(), k.argsEscaped(), k.image(), k.volumes(), k.workingDir(), k.entrypoint(),
                k.networkDisabled(), k.macAddress(), k.onBuild(), k.labels(), k.stopSignal(), k.stopTimeout(),
                k.shell());
    }

    /** Where the container's /etc files are: the other container's directory while it shares its network. */
    static Path filesDir(Container c, Function<String, Container> lookup) {
        String mode = IsolatedNetworking.mode(c);
        if (mode.startsWith("container:")) {
            try {
                return lookup.apply(mode.substring("container:".length())).dir;
            } catch (NotFoundException e) {
                // the other container is gone: its files with it
            }
        }
        return c.dir;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
