package io.wharf.daemon.internal.container;

import io.wharf.api.container.EndpointSettings;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;

/**
 * Networking without network drivers: {@code host} shares the host's namespace, {@code container:<id>} joins
 * another container's, anything else gets a new namespace the runtime creates with loopback up.
 */
final class IsolatedNetworking implements ContainerNetworking {
    private final java.util.function.Function<String, Container> lookup;

    IsolatedNetworking(java.util.function.Function<String, Container> lookup) {
        this.lookup = lookup;
    }

    @Override
    public SpecFactory.NetworkPlan prepare(Container c) {
        String mode = mode(c);
        if (mode.equals("host")) {
            return new SpecFactory.NetworkPlan(true, null);
        }
        if (mode.startsWith("container:")) {
            Container other = lookup.apply(mode.substring("container:".length()));
            int pid;
            synchronized (other) {
                pid = other.pid;
            }
            if (other.id.equals(c.id)) {
                throw new InvalidArgumentException("cannot join own network namespace");
            }
            if (!other.isRunning() || pid <= 0) {
                throw new io.wharf.api.errors.ConflictException("cannot join network namespace of a non running "
                        + "container: container " + other.bareName() + " is " + other.status());
            }
            SharedNetwork.adoptNames(c, other);
            return new SpecFactory.NetworkPlan(false, "/proc/" + pid + "/ns/net", null, null, null, other.dir);
        }
        return new SpecFactory.NetworkPlan(false, null);
    }

    @Override
    public void connect(Container c, int pid) {
        // the bridge driver joins the container's endpoints here (sandbox key /proc/<pid>/ns/net)
    }

    @Override
    public void disconnect(Container c) {
        // and leaves them here
    }

    @Override
    public Map<String, EndpointSettings> endpoints(Container c) {
        String mode = mode(c);
        if (mode.startsWith("container:")) {
            return Map.of();
        }
        String net = mode.equals("host") ? "host" : "none";
        return Map.of(net, new EndpointSettings(null, null, List.of(), List.of(), List.of(), "", Map.of(), net,
                "", "", "", 0, "", "", 0, List.of()));
    }

    static String mode(Container c) {
        String m = c.hostConfig.networkMode();
        if (m == null || m.isEmpty() || m.equals("default")) {
            return "bridge";
        }
        return m;
    }

    static void validate(String mode) {
        if (mode != null && mode.startsWith("container:") && mode.length() == "container:".length()) {
            throw new InvalidArgumentException("invalid network mode: " + mode);
        }
    }
}
