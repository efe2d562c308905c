package io.wharf.rest.internal.router.containers;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.ExecDetails;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountPoint;
import io.wharf.api.container.MountSpec;
import io.wharf.api.container.PortMapping;
import io.wharf.api.container.StatsSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The container and exec models in dockerd's JSON shape (field names and nesting as the docker CLI reads them). */
public final class ContainersJson {
    private ContainersJson() {
    }

    static Map<String, Object> details(ContainerDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", d.id());
        m.put("Created", d.created());
        m.put("Path", d.path());
        m.put("Args", d.args());
        m.put("State", state(d.state()));
        m.put("Image", d.image());
        m.put("ResolvConfPath", d.resolvConfPath());
        m.put("HostnamePath", d.hostnamePath());
        m.put("HostsPath", d.hostsPath());
        m.put("LogPath", d.logPath());
        m.put("Name", d.name());
        m.put("RestartCount", d.restartCount());
        m.put("Driver", d.driver());
        m.put("Platform", d.platform());
        m.put("MountLabel", d.mountLabel());
        m.put("ProcessLabel", d.processLabel());
        m.put("AppArmorProfile", d.appArmorProfile());
        m.put("ExecIDs", d.execIds());
        m.put("HostConfig", hostConfig(d.hostConfig()));
        m.put("GraphDriver", Map.of("Data", d.graphDriver() == null ? Map.of() : d.graphDriver(), "Name",
                d.graphDriverName() == null ? "" : d.graphDriverName()));
        if (d.sizeRw() >= 0) {
            m.put("SizeRw", d.sizeRw());
            m.put("SizeRootFs", d.sizeRootFs());
        }
        m.put("Mounts", mounts(d.mounts()));
        m.put("Config", config(d.config()));
        Map<String, Object> ns = new LinkedHashMap<>();
        ContainerDetails.NetworkSettings n = d.networkSettings();
        ns.put("Bridge", "");
        ns.put("SandboxID", n.sandboxId());
        ns.put("SandboxKey", n.sandboxKey());
        ns.put("Ports", ports(n.ports()));
        ns.put("HairpinMode", false);
        ns.put("LinkLocalIPv6Address", "");
        ns.put("LinkLocalIPv6PrefixLen", 0);
        ns.put("SecondaryIPAddresses", null);
        ns.put("SecondaryIPv6Addresses", null);
        // dockerd fills the top-level address fields from the default bridge network only
        EndpointSettings b = n.networks() == null ? null : n.networks().get("bridge");
        ns.put("EndpointID", b == null ? "" : nz(b.endpointId()));
        ns.put("Gateway", b == null ? "" : nz(b.gateway()));
        ns.put("GlobalIPv6Address", b == null ? "" : nz(b.globalIpv6Address()));
        ns.put("GlobalIPv6PrefixLen", b == null ? 0 : b.globalIpv6PrefixLen());
        ns.put("IPAddress", b == null ? "" : nz(b.ipAddress()));
        ns.put("IPPrefixLen", b == null ? 0 : b.ipPrefixLen());
        ns.put("IPv6Gateway", b == null ? "" : nz(b.ipv6Gateway()));
        ns.put("MacAddress", b == null ? "" : nz(b.macAddress()));
        ns.put("Networks", networks(n.networks()));
        m.put("NetworkSettings", ns);
        return m;
    }

    private static Map<String, Object> ports(Map<String, List<PortMapping>> ports) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ports != null) {
            ports.forEach((k, v) -> {
                if (v == null) {
                    m.put(k, null); // exposed, not published
                    return;
                }
                List<Map<String, Object>> list = new ArrayList<>();
                for (PortMapping p : v) {
                    list.add(Map.of("HostIp", p.ip(), "HostPort", Integer.toString(p.publicPort())));
                }
                m.put(k, list);
            });
        }
        return m;
    }

    static Map<String, Object> networks(Map<String, EndpointSettings> nets) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (nets == null) {
            return m;
        }
        nets.forEach((name, e) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("IPAMConfig", e.ipv4Address() == null || e.ipv4Address().isEmpty() ? null
                    : Map.of("IPv4Address", e.ipv4Address()));
            n.put("Links", e.links() == null || e.links().isEmpty() ? null : e.links());
            n.put("Aliases", e.aliases() == null || e.aliases().isEmpty() ? null : e.aliases());
            n.put("MacAddress", nz(e.macAddress()));
            n.put("DriverOpts", e.driverOpts() == null || e.driverOpts().isEmpty() ? null : e.driverOpts());
            n.put("NetworkID", nz(e.networkId()));
            n.put("EndpointID", nz(e.endpointId()));
            n.put("Gateway", nz(e.gateway()));
            n.put("IPAddress", nz(e.ipAddress()));
            n.put("IPPrefixLen", e.ipPrefixLen());
            n.put("IPv6Gateway", nz(e.ipv6Gateway()));
            n.put("GlobalIPv6Address", nz(e.globalIpv6Address()));
            n.put("GlobalIPv6PrefixLen", e.globalIpv6PrefixLen());
            n.put("DNSNames", e.dnsNames() == null || e.dnsNames().isEmpty() ? null : e.dnsNames());
            m.put(name, n);
        });
        return m;
    }

    static Map<String, Object> state(ContainerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", s.status());
        m.put("Running", s.running());
        m.put("Paused", s.paused());
        m.put("Restarting", s.restarting());
        m.put("OOMKilled", s.oomKilled());
        m.put("Dead", s.dead());
        m.put("Pid", s.pid());
        m.put("ExitCode", s.exitCode());
        m.put("Error", nz(s.error()));
        m.put("StartedAt", s.startedAt());
        m.put("FinishedAt", s.finishedAt());
        if (s.health() != null) {
            List<Map<String, Object>> log = new ArrayList<>();
            for (ContainerState.HealthLog l : s.health().log()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("Start", l.start());
                e.put("End", l.end());
                e.put("ExitCode", l.exitCode());
                e.put("Output", l.output());
                log.add(e);
            }
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("Status", s.health().status());
            h.put("FailingStreak", s.health().failingStreak());
            h.put("Log", log);
            m.put("Health", h);
        }
        return m;
    }

    static List<Map<String, Object>> mounts(List<MountPoint> mounts) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MountPoint p : mounts == null ? List.<MountPoint>of() : mounts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", p.type());
            if (p.name() != null && !p.name().isEmpty()) {
                m.put("Name", p.name());
            }
            m.put("Source", nz(p.source()));
            m.put("Destination", p.destination());
            if (p.driver() != null && !p.driver().isEmpty()) {
                m.put("Driver", p.driver());
            }
            m.put("Mode", nz(p.mode()));
            m.put("RW", p.rw());
            m.put("Propagation", nz(p.propagation()));
            list.add(m);
        }
        return list;
    }

    static Map<String, Object> config(ContainerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", nz(c.hostname()));
        m.put("Domainname", nz(c.domainname()));
        m.put("User", nz(c.user()));
        m.put("AttachStdin", c.attachStdin());
        m.put("AttachStdout", c.attachStdout());
        m.put("AttachStderr", c.attachStderr());
        if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
            m.put("ExposedPorts", emptyObjects(c.exposedPorts()));
        }
        m.put("Tty", c.tty());
        m.put("OpenStdin", c.openStdin());
        m.put("StdinOnce", c.stdinOnce());
        m.put("Env", c.env());
        m.put("Cmd", c.cmd());
        if (c.healthcheck() != null) {
            ContainerConfig.HealthConfig h = c.healthcheck();
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("Test", h.test());
            if (h.interval() != 0) {
                hm.put("Interval", h.interval());
            }
            if (h.timeout() != 0) {
                hm.put("Timeout", h.timeout());
            }
            if (h.startPeriod() != 0) {
                hm.put("StartPeriod", h.startPeriod());
            }
            if (h.startInterval() != 0) {
                hm.put("StartInterval", h.startInterval());
            }
            if (h.retries() != 0) {
                hm.put("Retries", h.retries());
            }
            m.put("Healthcheck", hm);
        }
        m.put("Image", nz(c.image()));
        m.put("Volumes", c.volumes() == null || c.volumes().isEmpty() ? null : emptyObjects(c.volumes()));
        m.put("WorkingDir", nz(c.workingDir()));
        m.put("Entrypoint", c.entrypoint() == null || c.entrypoint().isEmpty() ? null : c.entrypoint());
        m.put("OnBuild", c.onBuild() == null || c.onBuild().isEmpty() ? null : c.onBuild());
        m.put("Labels", c.labels() == null ? Map.of() : c.labels());
        if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
            m.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            m.put("StopTimeout", c.stopTimeout());
        }
        return m;
    }

    private static Map<String, Object> emptyObjects(Set<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, Map.of()));
        return m;
    }

    static Map<String, Object> hostConfig(HostConfig h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Binds", h.binds() == null || h.binds().isEmpty() ? null : h.binds());
        m.put("ContainerIDFile", nz(h.containerIdFile()));
        HostConfig.LogConfig lc = h.logConfig();
        m.put("LogConfig", Map.of("Type", lc == null || lc.type() == null ? "" : lc.type(), "Config",
                lc == null || lc.config() == null ? Map.of() : lc.config()));
        m.put("NetworkMode", nz(h.networkMode()));
        Map<String, Object> pb = new LinkedHashMap<>();
        if (h.portBindings() != null) {
            h.portBindings().forEach((k, v) -> {
                List<Map<String, String>> l = new ArrayList<>();
                v.forEach(b -> l.add(Map.of("HostIp", nz(b.hostIp()), "HostPort", nz(b.hostPort()))));
                pb.put(k, l);
            });
        }
        m.put("PortBindings", pb);
        HostConfig.RestartPolicy rp = h.restartPolicy() == null ? HostConfig.RestartPolicy.NO : h.restartPolicy();
        m.put("RestartPolicy", Map.of("Name", rp.name(), "MaximumRetryCount", rp.maximumRetryCount()));
        m.put("AutoRemove", h.autoRemove());
        m.put("VolumeDriver", nz(h.volumeDriver()));
        m.put("VolumesFrom", nullIfEmpty(h.volumesFrom()));
        m.put("ConsoleSize", List.of(0, 0));
        m.put("CapAdd", nullIfEmpty(h.capAdd()));
        m.put("CapDrop", nullIfEmpty(h.capDrop()));
        m.put("CgroupnsMode", nz(h.cgroupnsMode()).isEmpty() ? "host" : h.cgroupnsMode());
        m.put("Dns", h.dns() == null ? List.of() : h.dns());
        m.put("DnsOptions", h.dnsOptions() == null ? List.of() : h.dnsOptions());
        m.put("DnsSearch", h.dnsSearch() == null ? List.of() : h.dnsSearch());
        m.put("ExtraHosts", nullIfEmpty(h.extraHosts()));
        m.put("GroupAdd", nullIfEmpty(h.groupAdd()));
        m.put("IpcMode", nz(h.ipcMode()).isEmpty() ? "private" : h.ipcMode());
        m.put("Cgroup", nz(h.cgroup()));
        m.put("Links", nullIfEmpty(h.links()));
        m.put("OomScoreAdj", h.oomScoreAdj() == null ? 0 : h.oomScoreAdj());
        m.put("PidMode", nz(h.pidMode()));
        m.put("Privileged", h.privileged());
        m.put("PublishAllPorts", h.publishAllPorts());
        m.put("ReadonlyRootfs", h.readonlyRootfs());
        m.put("SecurityOpt", nullIfEmpty(h.securityOpt()));
        if (h.storageOpt() != null && !h.storageOpt().isEmpty()) {
            m.put("StorageOpt", h.storageOpt());
        }
        if (h.tmpfs() != null && !h.tmpfs().isEmpty()) {
            m.put("Tmpfs", h.tmpfs());
        }
        m.put("UTSMode", nz(h.utsMode()));
        m.put("UsernsMode", nz(h.usernsMode()));
        m.put("ShmSize", h.shmSize() > 0 ? h.shmSize() : 67108864L);
        if (h.sysctls() != null && !h.sysctls().isEmpty()) {
            m.put("Sysctls", h.sysctls());
        }
        m.put("Runtime", nz(h.runtime()));
        m.put("Isolation", "");
        ContainerResources r = h.resources() == null ? ContainerResources.NONE : h.resources();
        m.put("CpuShares", z(r.cpuShares()));
        m.put("Memory", z(r.memory()));
        m.put("NanoCpus", z(r.nanoCpus()));
        m.put("CgroupParent", nz(r.cgroupParent()));
        m.put("BlkioWeight", r.blkioWeight() == null ? 0 : r.blkioWeight());
        m.put("BlkioWeightDevice", List.of());
        m.put("BlkioDeviceReadBps", List.of());
        m.put("BlkioDeviceWriteBps", List.of());
        m.put("BlkioDeviceReadIOps", List.of());
        m.put("BlkioDeviceWriteIOps", List.of());
        m.put("CpuPeriod", z(r.cpuPeriod()));
        m.put("CpuQuota", z(r.cpuQuota()));
        m.put("CpuRealtimePeriod", z(r.cpuRealtimePeriod()));
        m.put("CpuRealtimeRuntime", z(r.cpuRealtimeRuntime()));
        m.put("CpusetCpus", nz(r.cpusetCpus()));
        m.put("CpusetMems", nz(r.cpusetMems()));
        List<Map<String, String>> devices = new ArrayList<>();
        if (r.devices() != null) {
            r.devices().forEach(d -> devices.add(Map.of("PathOnHost", nz(d.pathOnHost()), "PathInContainer",
                    nz(d.pathInContainer()), "CgroupPermissions", nz(d.cgroupPermissions()))));
        }
        m.put("Devices", devices);
        m.put("DeviceCgroupRules", nullIfEmpty(r.deviceCgroupRules()));
        m.put("DeviceRequests", null);
        m.put("MemoryReservation", z(r.memoryReservation()));
        m.put("MemorySwap", z(r.memorySwap()));
        m.put("MemorySwappiness", r.memorySwappiness());
        m.put("OomKillDisable", r.oomKillDisable() != null && r.oomKillDisable());
        m.put("PidsLimit", r.pidsLimit());
        List<Map<String, Object>> ulimits = new ArrayList<>();
        if (r.ulimits() != null) {
            r.ulimits().forEach(u -> ulimits.add(Map.of("Name", u.name(), "Soft", u.soft(), "Hard", u.hard())));
        }
        m.put("Ulimits", ulimits.isEmpty() ? null : ulimits);
        m.put("CpuCount", 0);
        m.put("CpuPercent", 0);
        m.put("IOMaximumIOps", 0);
        m.put("IOMaximumBandwidth", 0);
        List<Map<String, Object>> mounts = new ArrayList<>();
        if (h.mounts() != null) {
            for (MountSpec s : h.mounts()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("Type", s.type());
                mm.put("Source", nz(s.source()));
                mm.put("Target", s.target());
                if (s.readOnly()) {
                    mm.put("ReadOnly", true);
                }
                mounts.add(mm);
            }
        }
        if (!mounts.isEmpty()) {
            m.put("Mounts", mounts);
        }
        m.put("MaskedPaths", h.maskedPaths());
        m.put("ReadonlyPaths", h.readonlyPaths());
        if (h.init() != null) {
            m.put("Init", h.init());
        }
        return m;
    }

    static Map<String, Object> summary(ContainerSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", s.id());
        m.put("Names", s.names());
        m.put("Image", s.image());
        m.put("ImageID", s.imageId());
        m.put("Command", s.command());
        m.put("Created", s.created());
        List<Map<String, Object>> ports = new ArrayList<>();
        for (PortMapping p : s.ports()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            if (p.ip() != null && !p.ip().isEmpty()) {
                pm.put("IP", p.ip());
            }
            pm.put("PrivatePort", p.privatePort());
            if (p.publicPort() > 0) {
                pm.put("PublicPort", p.publicPort());
            }
            pm.put("Type", p.type());
            ports.add(pm);
        }
        m.put("Ports", ports);
        if (s.sizeRw() >= 0) {
            m.put("SizeRw", s.sizeRw());
            m.put("SizeRootFs", s.sizeRootFs());
        }
        m.put("Labels", s.labels());
        m.put("State", s.state());
        m.put("Status", s.status());
        m.put("HostConfig", Map.of("NetworkMode", s.networkMode()));
        m.put("NetworkSettings", Map.of("Networks", networks(s.networks())));
        m.put("Mounts", mounts(s.mounts()));
        return m;
    }

    static Map<String, Object> exec(ExecDetails e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CanRemove", e.canRemove());
        m.put("ContainerID", e.containerId());
        m.put("DetachKeys", e.detachKeys());
        m.put("ExitCode", e.exitCode());
        m.put("ID", e.id());
        m.put("OpenStderr", e.openStderr());
        m.put("OpenStdin", e.openStdin());
        m.put("OpenStdout", e.openStdout());
        Map<String, Object> pc = new LinkedHashMap<>();
        pc.put("arguments", e.arguments());
        pc.put("entrypoint", e.entrypoint());
        pc.put("privileged", e.privileged());
        pc.put("tty", e.tty());
        pc.put("user", e.user());
        pc.put("workingDir", e.workingDir());
        m.put("ProcessConfig", pc);
        m.put("Running", e.running());
        m.put("Pid", e.pid());
        return m;
    }

    /** dockerd's stats JSON; {@code previous} becomes {@code precpu_stats} (zeros for the first sample). */
    static Map<String, Object> stats(StatsSample s, StatsSample previous) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", s.read());
        m.put("preread", previous == null ? "0001-01-01T00:00:00Z" : previous.read());
        m.put("pids_stats", s.pidsLimit() > 0 ? Map.of("current", s.pidsCurrent(), "limit", s.pidsLimit())
                : Map.of("current", s.pidsCurrent()));
        List<Map<String, Object>> blkio = new ArrayList<>();
        for (StatsSample.BlkioEntry e : s.blkio()) {
            blkio.add(Map.of("major", e.major(), "minor", e.minor(), "op", e.op(), "value", e.value()));
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("io_service_bytes_recursive", blkio.isEmpty() ? null : blkio);
        b.put("io_serviced_recursive", null);
        b.put("io_queue_recursive", null);
        b.put("io_service_time_recursive", null);
        b.put("io_wait_time_recursive", null);
        b.put("io_merged_recursive", null);
        b.put("io_time_recursive", null);
        b.put("sectors_recursive", null);
        m.put("blkio_stats", b);
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(s));
        m.put("precpu_stats", previous == null ? Map.of("cpu_usage", Map.of("total_usage", 0, "usage_in_kernelmode",
                0, "usage_in_usermode", 0), "throttling_data", Map.of("periods", 0, "throttled_periods", 0,
                "throttled_time", 0)) : cpu(previous));
        Map<String, Object> mem = new LinkedHashMap<>();
        if (s.memoryUsage() > 0 || s.memoryLimit() > 0) {
            mem.put("usage", s.memoryUsage());
            if (s.memoryMaxUsage() > 0) {
                mem.put("max_usage", s.memoryMaxUsage());
            }
            mem.put("stats", s.memoryStats());
            mem.put("limit", s.memoryLimit());
        }
        m.put("memory_stats", mem);
        m.put("name", s.name());
        m.put("id", s.id());
        if (s.networks() != null && !s.networks().isEmpty()) {
            m.put("networks", s.networks());
        }
        return m;
    }

    private static Map<String, Object> cpu(StatsSample s) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", s.cpuTotal());
        if (s.perCpu() != null && !s.perCpu().isEmpty()) {
            usage.put("percpu_usage", s.perCpu());
        }
        usage.put("usage_in_kernelmode", s.cpuKernel());
        usage.put("usage_in_usermode", s.cpuUser());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_usage", usage);
        m.put("system_cpu_usage", s.systemCpu());
        m.put("online_cpus", s.onlineCpus());
        m.put("throttling_data", Map.of("periods", 0, "throttled_periods", s.throttledPeriods(), "throttled_time",
                s.throttledTime()));
        return m;
    }

    private static List<String> nullIfEmpty(List<String> l) {
        return l == null || l.isEmpty() ? null : l;
    }

    private static long z(Long v) {
        return v == null ? 0 : v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
