package io.wharf.daemon.internal.container;

import io.wharf.api.common.Filters;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.ListOptions;
import io.wharf.api.container.MountPoint;
import io.wharf.api.container.PortMapping;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What inspect and {@code docker ps} show of containers, and the filters of the list. */
final class ContainerViews {
    static final Set<String> FILTERS = Set.of("id", "name", "label", "status", "ancestor", "exited", "before",
            "since", "volume", "network", "health", "publish", "expose", "is-task");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private final EngineContainerService service;

    ContainerViews(EngineContainerService service) {
        this.service = service;
    }

    ContainerDetails details(Container c, boolean size) {
        ContainerState state;
        String name;
        List<String> execIds;
        synchronized (c) {
            state = c.state();
            name = c.name;
            execIds = List.copyOf(c.execIds);
        }
        if (state.running() && state.pid() == 0 && !state.restarting()) {
            int pid = service.pid(c);
            state = new ContainerState(state.status(), state.running(), state.paused(), state.restarting(),
                    state.oomKilled(), state.dead(), pid, state.exitCode(), state.error(), state.startedAt(),
                    state.finishedAt(), state.health());
        }
        long sizeRw = -1;
        long sizeRoot = -1;
        if (size) {
            try {
                sizeRw = service.layers().size(c.id);
                sizeRoot = sizeRw;
            } catch (RuntimeException e) {
                sizeRw = 0;
            }
        }
        Map<String, String> graph;
        try {
            graph = service.layers().metadata(c.id);
        } catch (RuntimeException e) {
            graph = Map.of();
        }
        Map<String, EndpointSettings> nets = service.networking().endpoints(c);
        Path etc = SharedNetwork.filesDir(c, service.store()::get);
        return new ContainerDetails(c.id, c.created, c.path, c.args, state, c.imageId,
                etc.resolve("resolv.conf").toString(), etc.resolve("hostname").toString(),
                etc.resolve("hosts").toString(), c.dir.resolve(c.id + "-json.log").toString(), name,
                c.restartCount, c.driver, "linux", "", "", "", execIds.isEmpty() ? null : execIds,
                c.runtime == null || c.runtime.isEmpty() ? c.hostConfig : HostConfigs.withRuntime(c.hostConfig, c.runtime),
                c.driver, graph, sizeRw, sizeRoot, mounts(c), c.config,
                new ContainerDetails.NetworkSettings("", "", service.networking().ports(c), nets));
    }

    private List<MountPoint> mounts(Container c) {
        return service.mounts().points(c);
    }

    List<ContainerSummary> list(ListOptions options) {
        Filters f = options.filters() == null ? Filters.empty() : options.filters().validate(FILTERS);
        for (String s : f.get("status")) {
            if (!STATUSES.contains(s)) {
                throw new InvalidArgumentException("invalid filter 'status=" + s + "'");
            }
        }
        List<Container> all = service.store().all();
        Instant before = bound(f, "before");
        Instant since = bound(f, "since");
        boolean all_ = options.all() || !f.get("status").isEmpty() || !f.get("exited").isEmpty();
        List<ContainerSummary> rows = new ArrayList<>();
        for (Container c : all) {
            String status = c.status();
            if (!all_ && !(status.equals("running") || status.equals("paused") || status.equals("restarting"))) {
                continue;
            }
            if (!matches(c, status, f, before, since)) {
                continue;
            }
            rows.add(summary(c, options.size()));
            if (options.limit() > 0 && rows.size() >= options.limit()) {
                break;
            }
        }
        return rows;
    }

    private Instant bound(Filters f, String key) {
        if (f.get(key).isEmpty()) {
            return null;
        }
        String ref = f.get(key).iterator().next();
        try {
            return Instant.parse(service.store().get(ref).created);
        } catch (NotFoundException e) {
            throw new NotFoundException("No such container: " + ref);
        }
    }

    private boolean matches(Container c, String status, Filters f, Instant before, Instant since) {
        if (!f.prefixMatch("id", c.id)) {
            return false;
        }
        if (f.has("name")) {
            boolean any = false;
            for (String n : f.get("name")) {
                String bare = c.bareName();
                if (bare.matches(".*" + n.replaceFirst("^/", "") + ".*")) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (!f.labelsMatch("label", c.config.labels())) {
            return false;
        }
        if (!f.exactMatch("status", status)) {
            return false;
        }
        if (f.has("exited")) {
            if (!status.equals("exited") || !f.get("exited").contains(Integer.toString(c.state().exitCode()))) {
                return false;
            }
        }
        if (f.has("ancestor")) {
            boolean any = false;
            for (String a : f.get("ancestor")) {
                if (a.equals(c.imageName) || c.imageId.equals(a) || c.imageId.startsWith("sha256:" + a)
                        || c.imageName.equals(a + ":latest") || (a + ":latest").equals(c.imageName)) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        Instant created = Instant.parse(c.created);
        if (before != null && !created.isBefore(before)) {
            return false;
        }
        if (since != null && !created.isAfter(since)) {
            return false;
        }
        if (f.has("volume")) {
            boolean any = false;
            for (MountPoint m : mounts(c)) {
                if (f.get("volume").contains(m.name()) || f.get("volume").contains(m.destination())
                        || f.get("volume").contains(m.source())) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (f.has("network")) {
            boolean any = false;
            for (String n : service.networking().endpoints(c).keySet()) {
                if (f.get("network").contains(n)) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (f.has("health")) {
            ContainerState.Health h = c.state().health();
            String hs = h == null ? "none" : h.status();
            if (!f.get("health").contains(hs)) {
                return false;
            }
        }
        if (f.has("expose")) {
            boolean any = false;
            for (String p : f.get("expose")) {
                String port = p.contains("/") ? p : p + "/tcp";
                if (ConfigMerge.set(c.config.exposedPorts()).contains(port)) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (f.has("publish")) {
            return false; // nothing is published without the bridge driver
        }
        if (f.has("is-task")) {
            return !Boolean.TRUE.equals(f.bool("is-task"));
        }
        return true;
    }

    ContainerSummary summary(Container c, boolean size) {
        ContainerState st;
        String name;
        synchronized (c) {
            st = c.state();
            name = c.name;
        }
        long sizeRw = -1;
        long sizeRoot = -1;
        if (size) {
            try {
                sizeRw = service.layers().size(c.id);
                sizeRoot = sizeRw;
            } catch (RuntimeException e) {
                sizeRw = 0;
            }
        }
        List<PortMapping> ports = new ArrayList<>();
        service.networking().ports(c).forEach((p, bound) -> {
            String[] pp = p.split("/");
            try {
                if (bound == null || bound.isEmpty()) {
                    ports.add(new PortMapping("", Integer.parseInt(pp[0]), 0, pp.length > 1 ? pp[1] : "tcp"));
                } else {
                    ports.addAll(bound);
                }
            } catch (NumberFormatException e) {
                // a range: not listed
            }
        });
        String command = String.join(" ", argv(c));
        return new ContainerSummary(c.id, List.of(name), c.imageName, c.imageId, command,
                Instant.parse(c.created).getEpochSecond(), ports, sizeRw, sizeRoot, ConfigMerge.map(c.config.labels()),
                st.status(), statusText(st), IsolatedNetworking.mode(c), service.networking().endpoints(c), mounts(c));
    }

    private static List<String> argv(Container c) {
        List<String> a = new ArrayList<>();
        a.add(c.path);
        a.addAll(c.args);
        return a;
    }

    static String statusText(ContainerState st) {
        Instant now = Instant.now();
        switch (st.status()) {
            case "running", "paused" -> {
                String up = "Up " + human(Duration.between(Instant.parse(st.startedAt()), now));
                if (st.paused()) {
                    return up + " (Paused)";
                }
                if (st.health() != null) {
                    String h = st.health().status();
                    return up + " (" + (h.equals("starting") ? "health: starting" : h) + ")";
                }
                return up;
            }
            case "restarting" -> {
                return "Restarting (" + st.exitCode() + ") " + human(Duration.between(parse(st.finishedAt()), now))
                        + " ago";
            }
            case "exited" -> {
                if (st.finishedAt().equals(Container.ZERO_TIME)) {
                    return "Exited (" + st.exitCode() + ")";
                }
                return "Exited (" + st.exitCode() + ") " + human(Duration.between(parse(st.finishedAt()), now))
                        + " ago";
            }
            case "dead" -> {
                return "Dead";
            }
            case "removing" -> {
                return "Removal In Progress";
            }
            default -> {
                return "Created";
            }
        }
    }

    private static Instant parse(String t) {
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    /** Go's units.HumanDuration. */
    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 1) {
            return "Less than a second";
        }
        if (s == 1) {
            return "1 second";
        }
        if (s < 60) {
            return s + " seconds";
        }
        long m = d.toMinutes();
        if (m == 1) {
            return "About a minute";
        }
        if (m < 60) {
            return m + " minutes";
        }
        long h = d.toHours();
        if (h == 1) {
            return "About an hour";
        }
        if (h < 48) {
            return h + " hours";
        }
        if (h < 24 * 7 * 2) {
            return h / 24 + " days";
        }
        if (h < 24 * 30 * 2) {
            return h / 24 / 7 + " weeks";
        }
        if (h < 24 * 365 * 2) {
            return h / 24 / 30 + " months";
        }
        return h / 24 / 365 + " years";
    }
}
