package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.HostConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.runtime.Capabilities;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.Device;
import io.wharf.api.runtime.DeviceRule;
import io.wharf.api.runtime.DockerDefaults;
import io.wharf.api.runtime.Mount;
import io.wharf.api.runtime.Namespace;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Computes the runtime's {@link ContainerSpec} from a container's config and host config: dockerd's defaults,
 * then the user's options on top.
 */
final class SpecFactory {
    /** Where {@code --init} finds its init; Debian's static tini works in any image. */
    static final Path INIT = Path.of("/usr/bin/tini-static");

    /**
     * What the network code decided for the container: the namespace to join (null: a new one), and what
     * {@code /etc/hosts} and {@code /etc/resolv.conf} need from the networks it joined.
     *
     * @param address the container's first IPv4 address (no prefix), or null
     * @param nameserver the DNS server of its first user-defined network, or null (the host's are copied)
     * @param hostGateway what {@code --add-host name:host-gateway} resolves to, or null
     * @param filesFrom the directory of the container whose namespace is shared ({@code container:<id>}): its
     *     hosts, resolv.conf and hostname files are bound instead of files of this container's own; else null
     * @param links the containers linked with {@code --link} on the default bridge
     */
    record NetworkPlan(boolean hostNetwork, String namespacePath, String address, String nameserver,
            String hostGateway, Path filesFrom, List<LegacyLinks.Linked> links) {
        NetworkPlan(boolean hostNetwork, String namespacePath) {
            this(hostNetwork, namespacePath, null, null, null, null, List.of());
        }

        NetworkPlan(boolean hostNetwork, String namespacePath, String address, String nameserver,
                String hostGateway, Path filesFrom) {
            this(hostNetwork, namespacePath, address, nameserver, hostGateway, filesFrom, List.of());
        }
    }

    private final boolean cgroupV2;

    SpecFactory(boolean cgroupV2) {
        this.cgroupV2 = cgroupV2;
    }

    ContainerSpec build(Container c, Path rootfs, NetworkPlan network, ContainerMounts.VolumeBinder volumes) {
        ContainerConfig cfg = c.config;
        HostConfig hc = c.hostConfig;
        List<String> argv = new ArrayList<>();
        argv.add(c.path);
        argv.addAll(c.args);
        boolean init = Boolean.TRUE.equals(hc.init());
        if (init) {
            argv.addAll(0, List.of("/sbin/docker-init", "--"));
        }
        String hostname = hostname(c);
        List<String> env = new ArrayList<>();
        if (cfg.env().stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add(DockerDefaults.PATH);
        }
        env.add("HOSTNAME=" + hostname);
        env.addAll(LegacyLinks.env(network.links(), cfg.env()));
        if (cfg.tty() && cfg.env().stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        env.addAll(cfg.env());
        ProcessSpec.User user = UserLookup.resolve(rootfs, cfg.user(), hc.groupAdd());

        Set<String> caps = capabilities(hc);
        boolean noNewPrivileges = false;
        String seccomp = hc.privileged() ? null : DockerDefaults.seccompProfile(caps);
        String apparmor = null;
        for (String opt : hc.securityOpt() == null ? List.<String>of() : hc.securityOpt()) {
            String o = opt.replaceFirst(":", "=");
            if (o.equals("no-new-privileges") || o.equals("no-new-privileges=true")) {
                noNewPrivileges = true;
            } else if (o.equals("no-new-privileges=false")) {
                noNewPrivileges = false;
            } else if (o.equals("seccomp=unconfined")) {
                seccomp = null;
            } else if (o.startsWith("seccomp=")) {
                seccomp = o.substring("seccomp=".length());
            } else if (o.startsWith("apparmor=")) {
                apparmor = o.substring("apparmor=".length());
            } else if (o.startsWith("label=") || o.startsWith("systempaths=")) {
                // SELinux labels need an SELinux host; systempaths is handled below
            } else {
                throw new InvalidArgumentException("invalid --security-opt 2: \"" + opt + "\"");
            }
        }
        List<ProcessSpec.Rlimit> rlimits = new ArrayList<>();
        for (ContainerResources.Ulimit u : list(resources(hc).ulimits())) {
            rlimits.add(new ProcessSpec.Rlimit("RLIMIT_" + u.name().toUpperCase(Locale.ROOT), u.soft(), u.hard()));
        }
        ProcessSpec process = new ProcessSpec(argv, env, cfg.workingDir(), user, cfg.tty(), null,
                Capabilities.of(caps), noNewPrivileges, rlimits, hc.oomScoreAdj(), apparmor, null);

        ContainerSpec.Builder b = DockerDefaults.spec(c.id, rootfs, process, cgroupV2 && !"host".equals(hc.cgroupnsMode()))
                .name(c.bareName())
                .hostname(hostname)
                .domainname(cfg.domainname() == null || cfg.domainname().isEmpty() ? null : cfg.domainname())
                .readonlyRootfs(hc.readonlyRootfs())
                .seccompProfile(seccomp)
                .resources(resources(resources(hc)))
                .cgroupParent(empty(resources(hc).cgroupParent()) ? null : resources(hc).cgroupParent());
        if (hc.shmSize() > 0) {
            b.mount(DockerDefaults.shm(hc.shmSize()));
        }
        if (hc.privileged()) {
            b.maskedPaths().clear();
            b.readonlyPaths().clear();
            b.deviceRules().clear();
            b.deviceRules().add(DeviceRule.ALLOW_ALL);
            b.mount(new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "rw")));
        } else if (list(hc.securityOpt()).contains("systempaths=unconfined")) {
            b.maskedPaths().clear();
            b.readonlyPaths().clear();
        }
        if (hc.maskedPaths() != null && !hc.maskedPaths().isEmpty()) {
            b.maskedPaths().clear();
            b.maskedPaths().addAll(hc.maskedPaths());
        }
        if (hc.readonlyPaths() != null && !hc.readonlyPaths().isEmpty()) {
            b.readonlyPaths().clear();
            b.readonlyPaths().addAll(hc.readonlyPaths());
        }
        if (hc.sysctls() != null) {
            b.sysctls().putAll(hc.sysctls());
        }
        if (hc.annotations() != null) {
            for (String a : hc.annotations()) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    b.annotations().put(a.substring(0, eq), a.substring(eq + 1));
                }
            }
        }
        devices(b, resources(hc));

        // namespaces: the network one is the network code's, the others follow the host config
        if (network.hostNetwork()) {
            b.namespaces().removeIf(n -> n.type().equals(Namespace.NETWORK));
        } else if (network.namespacePath() != null) {
            b.namespace(new Namespace(Namespace.NETWORK, network.namespacePath()));
        }
        if ("host".equals(hc.pidMode())) {
            b.namespaces().removeIf(n -> n.type().equals(Namespace.PID));
        }
        if ("host".equals(hc.ipcMode())) {
            b.namespaces().removeIf(n -> n.type().equals(Namespace.IPC));
        }
        if ("host".equals(hc.utsMode())) {
            b.namespaces().removeIf(n -> n.type().equals(Namespace.UTS));
            b.hostname(null);
        }

        // the files the daemon writes for the container (or for the one whose network it shares), over the image's
        Path etc = network.filesFrom() == null ? c.dir : network.filesFrom();
        b.mount(bind(etc.resolve("resolv.conf"), "/etc/resolv.conf", false));
        b.mount(bind(etc.resolve("hostname"), "/etc/hostname", false));
        b.mount(bind(etc.resolve("hosts"), "/etc/hosts", false));
        if (init) {
            b.mount(new Mount("/sbin/docker-init", "bind", INIT.toString(), List.of("bind", "ro", "nosuid", "nodev")));
        }
        ContainerMounts.runtimeMounts(c, rootfs, volumes).forEach(b::mount);
        return b.build();
    }

    static String hostname(Container c) {
        String h = c.config.hostname();
        return h == null || h.isEmpty() ? c.shortId() : h;
    }

    private static Mount bind(Path source, String target, boolean readOnly) {
        return new Mount(target, "bind", source.toString(), List.of("rbind", readOnly ? "ro" : "rw", "rprivate"));
    }

    static Set<String> capabilities(HostConfig hc) {
        if (hc.privileged()) {
            return DockerDefaults.ALL_CAPABILITIES;
        }
        Set<String> caps = new LinkedHashSet<>(DockerDefaults.CAPABILITIES);
        List<String> add = list(hc.capAdd()).stream().map(SpecFactory::capName).toList();
        List<String> drop = list(hc.capDrop()).stream().map(SpecFactory::capName).toList();
        if (drop.contains("CAP_ALL")) {
            caps.clear();
        }
        if (add.contains("CAP_ALL")) {
            caps.addAll(DockerDefaults.ALL_CAPABILITIES);
        }
        for (String a : add) {
            if (!a.equals("CAP_ALL")) {
                if (!DockerDefaults.ALL_CAPABILITIES.contains(a)) {
                    throw new InvalidArgumentException("unknown capability: \"" + a + "\"");
                }
                caps.add(a);
            }
        }
        for (String d : drop) {
            if (!d.equals("CAP_ALL")) {
                if (!DockerDefaults.ALL_CAPABILITIES.contains(d)) {
                    throw new InvalidArgumentException("unknown capability: \"" + d + "\"");
                }
                if (!add.contains(d)) {
                    caps.remove(d);
                }
            }
        }
        return caps;
    }

    private static String capName(String c) {
        String u = c.trim().toUpperCase(Locale.ROOT);
        return u.startsWith("CAP_") ? u : "CAP_" + u;
    }

    private static void devices(ContainerSpec.Builder b, ContainerResources r) {
        for (ContainerResources.DeviceMapping d : list(r.devices())) {
            Path host = Path.of(d.pathOnHost());
            try {
                long rdev = ((Number) Files.getAttribute(host, "unix:rdev")).longValue();
                int mode = (Integer) Files.getAttribute(host, "unix:mode");
                String type = (mode & 0170000) == 0060000 ? "b" : "c";
                long major = ((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >> 12) & ~0xffL);
                String target = empty(d.pathInContainer()) ? d.pathOnHost() : d.pathInContainer();
                b.devices().add(new Device(target, type, major, minor, mode & 07777, 0, 0));
                String perms = empty(d.cgroupPermissions()) ? "rwm" : d.cgroupPermissions();
                b.deviceRules().add(new DeviceRule(true, type, major, minor, perms));
            } catch (IOException | UnsupportedOperationException e) {
                throw new InvalidArgumentException("error gathering device information while adding custom device \""
                        + d.pathOnHost() + "\": no such file or directory");
            }
        }
        for (String rule : list(r.deviceCgroupRules())) {
            String[] parts = rule.trim().split("\\s+");
            if (parts.length != 3 || !parts[1].contains(":")) {
                throw new InvalidArgumentException("invalid device cgroup rule format: '" + rule + "'");
            }
            String[] mm = parts[1].split(":");
            b.deviceRules().add(new DeviceRule(true, parts[0], mm[0].equals("*") ? null : Long.parseLong(mm[0]),
                    mm[1].equals("*") ? null : Long.parseLong(mm[1]), parts[2]));
        }
    }

    static ContainerResources resources(HostConfig hc) {
        return hc.resources() == null ? ContainerResources.NONE : hc.resources();
    }

    /** The API's resource settings in the runtime's terms; {@code --cpus} becomes a quota over 100 ms periods. */
    static Resources resources(ContainerResources r) {
        Long quota = r.cpuQuota();
        Long period = r.cpuPeriod();
        if (r.nanoCpus() != null && r.nanoCpus() > 0) {
            period = 100_000L;
            quota = r.nanoCpus() * period / 1_000_000_000L;
        }
        return new Resources(positive(r.memory()), positive(r.memoryReservation()),
                r.memorySwap() == null || r.memorySwap() == 0 ? null : r.memorySwap(),
                r.memorySwappiness() == null || r.memorySwappiness() < 0 ? null : r.memorySwappiness(), null,
                r.oomKillDisable(), positive(r.cpuShares()), positive(quota), positive(period),
                positive(r.cpuRealtimeRuntime()), positive(r.cpuRealtimePeriod()), empty(r.cpusetCpus()) ? null
                : r.cpusetCpus(), empty(r.cpusetMems()) ? null : r.cpusetMems(),
                r.pidsLimit() == null || r.pidsLimit() == 0 ? null : r.pidsLimit(),
                r.blkioWeight() == null || r.blkioWeight() == 0 ? null : r.blkioWeight(), List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    private static Long positive(Long v) {
        return v == null || v <= 0 ? null : v;
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
