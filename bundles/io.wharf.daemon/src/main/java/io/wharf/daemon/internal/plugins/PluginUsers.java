package io.wharf.daemon.internal.plugins;

import io.wharf.api.common.Filters;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerService;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.ListOptions;
import io.wharf.api.container.MountPoint;
import io.wharf.api.errors.WharfException;
import io.wharf.api.network.NetworkDetails;
import io.wharf.api.network.NetworkService;
import io.wharf.api.plugin.DriverKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The containers (running or not) that use any of a set of drivers: they would lose it if it were removed. */
final class PluginUsers {
    private PluginUsers() {
    }

    static List<String> of(Set<DriverRef> drivers, ContainerService containers, NetworkService networks) {
        if (drivers.isEmpty() || containers == null) {
            return List.of();
        }
        Map<String, NetworkDetails> nets = new HashMap<>();
        if (networks != null) {
            for (NetworkDetails n : networks.list(Filters.empty())) {
                nets.put(n.name(), n);
            }
        }
        List<String> out = new ArrayList<>();
        for (ContainerSummary s : containers.list(new ListOptions(true, -1, false, Filters.empty()))) {
            ContainerDetails d;
            try {
                d = containers.inspect(s.id(), false);
            } catch (WharfException gone) {
                continue;
            }
            Set<DriverRef> used = uses(d, s, nets);
            if (used.stream().anyMatch(drivers::contains)) {
                out.add(d.name().startsWith("/") ? d.name().substring(1) : d.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** The drivers one container depends on. */
    static Set<DriverRef> uses(ContainerDetails d, ContainerSummary s, Map<String, NetworkDetails> nets) {
        Set<DriverRef> used = new LinkedHashSet<>();
        HostConfig hc = d.hostConfig();
        if (hc != null && hc.runtime() != null && !hc.runtime().isEmpty()) {
            used.add(new DriverRef(DriverKind.RUNTIME, hc.runtime()));
        }
        if (hc != null && hc.logConfig() != null && hc.logConfig().type() != null) {
            used.add(new DriverRef(DriverKind.LOG, hc.logConfig().type()));
        }
        if (d.driver() != null && !d.driver().isEmpty()) {
            used.add(new DriverRef(DriverKind.STORAGE, d.driver()));
        }
        for (MountPoint m : d.mounts() == null ? List.<MountPoint>of() : d.mounts()) {
            if ("volume".equals(m.type()) && m.driver() != null && !m.driver().isEmpty()) {
                used.add(new DriverRef(DriverKind.VOLUME, m.driver()));
            }
        }
        if (s.networks() != null) {
            for (String net : s.networks().keySet()) {
                NetworkDetails n = nets.get(net);
                if (n != null) {
                    String driver = n.driver().equals("null") ? "none" : n.driver();
                    used.add(new DriverRef(DriverKind.NETWORK, driver));
                    if (driver.equals("host") || driver.equals("none")) {
                        continue;
                    }
                    String ipam = n.ipam() == null || n.ipam().driver() == null || n.ipam().driver().isEmpty()
                            ? "default" : n.ipam().driver();
                    used.add(new DriverRef(DriverKind.IPAM, ipam));
                }
            }
        }
        return used;
    }
}
