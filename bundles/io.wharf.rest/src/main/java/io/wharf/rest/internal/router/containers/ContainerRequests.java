package io.wharf.rest.internal.router.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.value.BindSpec;
import io.wharf.api.value.DeviceSpec;
import io.wharf.api.value.IpAddresses;
import io.wharf.api.value.MacAddress;
import io.wharf.api.value.MountSpecs;
import io.wharf.api.value.PortSpec;
import io.wharf.api.value.RestartPolicies;
import io.wharf.api.value.Signal;
import io.wharf.api.value.Ulimits;
import io.wharf.rest.internal.json.GoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dockerd's JSON request bodies of the container routes into the API's records, by Go's rules (see
 * {@link GoFields}): a value of the wrong JSON type is a 400 naming the field, and the values dockerd parses
 * (ports, addresses, signals, restart policies, mounts, devices, ulimits) are parsed here once, so that a bad one is
 * refused before anything is created.
 */
final class ContainerRequests {
    private ContainerRequests() {
    }

    static ContainerCreateRequest create(JsonNode json) {
        if (json == null || json.isNull()) {
            throw new InvalidArgumentException("config cannot be empty in order to create a container");
        }
        GoFields body = GoFields.of(json, "ContainerConfig", "container.CreateRequest");
        ContainerConfig config = config(body);
        GoFields h = body.object("HostConfig", "container.HostConfig");
        HostConfig hc = h.present() ? hostConfig(h) : null;
        Map<String, EndpointSettings> nets = new LinkedHashMap<>();
        Map<String, GoFields> ep = body.object("NetworkingConfig", "network.NetworkingConfig")
                .objectMap("EndpointsConfig", "network.EndpointSettings");
        if (ep != null) {
            ep.forEach((name, n) -> nets.put(name, endpoint(n)));
        }
        return new ContainerCreateRequest(config, hc, nets, null);
    }

    static EndpointSettings endpoint(GoFields n) {
        GoFields ipam = n.object("IPAMConfig", "network.EndpointIPAMConfig");
        String ipv4 = ipam.string("IPv4Address");
        String ipv6 = ipam.string("IPv6Address");
        IpAddresses.parseOptional(ipv4, "IPv4Address");
        IpAddresses.parseOptional(ipv6, "IPv6Address");
        List<String> linkLocal = ipam.strings("LinkLocalIPs");
        if (linkLocal != null) {
            linkLocal.forEach(ip -> IpAddresses.parseOptional(ip, "LinkLocalIPs"));
        }
        String mac = n.string("MacAddress");
        MacAddress.parseOptional(mac);
        return new EndpointSettings(ipv4, ipv6, linkLocal, n.strings("Links"), n.strings("Aliases"), mac,
                n.stringMap("DriverOpts"), n.string("NetworkID"), n.string("EndpointID"), n.string("Gateway"),
                n.string("IPAddress"), orZero(n.int32("IPPrefixLen")), n.string("IPv6Gateway"),
                n.string("GlobalIPv6Address"), orZero(n.int32("GlobalIPv6PrefixLen")), n.strings("DNSNames"));
    }

    /** A container config from a create body; also what a commit's body is. */
    static ContainerConfig config(JsonNode json) {
        return config(GoFields.of(json, "ContainerConfig", "container.Config"));
    }

    private static ContainerConfig config(GoFields n) {
        ContainerConfig.HealthConfig health = null;
        GoFields h = n.object("Healthcheck", "container.HealthConfig");
        if (h.present()) {
            health = new ContainerConfig.HealthConfig(h.strings("Test"), orZero(h.int64("Interval")),
                    orZero(h.int64("Timeout")), orZero(h.int64("StartPeriod")), orZero(h.int64("StartInterval")),
                    orZero(h.int32("Retries")));
        }
        Set<String> exposed = n.keySet("ExposedPorts");
        if (exposed != null) {
            exposed.forEach(PortSpec::parse);
        }
        String mac = n.string("MacAddress");
        MacAddress.parseOptional(mac);
        String stopSignal = n.string("StopSignal");
        if (stopSignal != null && !stopSignal.isEmpty()) {
            Signal.parse(stopSignal);
        }
        return new ContainerConfig(n.string("Hostname"), n.string("Domainname"), n.string("User"),
                n.bool("AttachStdin"), n.bool("AttachStdout"), n.bool("AttachStderr"), exposed, n.bool("Tty"),
                n.bool("OpenStdin"), n.bool("StdinOnce"), n.strings("Env"), n.strSlice("Cmd"), health,
                n.bool("ArgsEscaped"), n.string("Image"), n.keySet("Volumes"), n.string("WorkingDir"),
                n.strSlice("Entrypoint"), n.bool("NetworkDisabled"), mac, n.strings("OnBuild"),
                n.stringMap("Labels"), stopSignal, n.int32("StopTimeout"), n.strSlice("Shell"));
    }

    private static HostConfig hostConfig(GoFields n) {
        HostConfig.LogConfig log = null;
        GoFields lc = n.object("LogConfig", "container.LogConfig");
        if (lc.present()) {
            log = new HostConfig.LogConfig(lc.string("Type"), lc.stringMap("Config"));
        }
        Map<String, List<HostConfig.PortBinding>> ports = new LinkedHashMap<>();
        Map<String, List<GoFields>> bindings = n.objectListMap("PortBindings", "nat.PortBinding");
        if (bindings != null) {
            bindings.forEach((port, list) -> {
                PortSpec.parse(port);
                List<HostConfig.PortBinding> out = new ArrayList<>();
                for (GoFields b : list) {
                    String hostIp = b.string("HostIp", "");
                    String hostPort = b.string("HostPort", "");
                    IpAddresses.parseOptional(hostIp, "HostIp");
                    PortSpec.parseHostPort(hostPort);
                    out.add(new HostConfig.PortBinding(hostIp, hostPort));
                }
                ports.put(port, out);
            });
        }
        List<MountSpec> mounts = new ArrayList<>();
        List<GoFields> ms = n.objects("Mounts", "mount.Mount");
        if (ms != null) {
            for (GoFields m : ms) {
                mounts.add(mount(m));
            }
        }
        List<String> binds = n.strings("Binds");
        if (binds != null) {
            binds.forEach(BindSpec::parse);
        }
        Map<String, String> tmpfs = n.stringMap("Tmpfs");
        Integer oomScoreAdj = n.int32("OomScoreAdj");
        Map<String, String> annotations = n.stringMap("Annotations");
        return new HostConfig(binds, n.string("ContainerIDFile"), log, n.string("NetworkMode"), ports,
                restartPolicy(n), n.bool("AutoRemove"), n.string("VolumeDriver"), n.strings("VolumesFrom"), mounts,
                n.strSlice("CapAdd"), n.strSlice("CapDrop"), n.string("CgroupnsMode"), dns(n.strings("Dns")),
                n.strings("DnsOptions"), n.strings("DnsSearch"), n.strings("ExtraHosts"), n.strings("GroupAdd"),
                n.string("IpcMode"), n.string("Cgroup"), n.strings("Links"),
                oomScoreAdj != null && oomScoreAdj != 0 ? oomScoreAdj : null, n.string("PidMode"),
                n.bool("Privileged"), n.bool("PublishAllPorts"), n.bool("ReadonlyRootfs"), n.strings("SecurityOpt"),
                n.stringMap("StorageOpt"), tmpfs, n.string("UTSMode"), n.string("UsernsMode"),
                orZero(n.int64("ShmSize")), n.stringMap("Sysctls"), n.string("Runtime"), n.strings("MaskedPaths"),
                n.strings("ReadonlyPaths"), n.optionalBool("Init"), resources(n),
                annotations == null ? null : annotations.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }

    private static List<String> dns(List<String> servers) {
        if (servers != null) {
            servers.forEach(s -> IpAddresses.parse(s, "DNS server"));
        }
        return servers;
    }

    /** The restart policy of a create or update body, checked as dockerd checks it; null when absent. */
    static HostConfig.RestartPolicy restartPolicy(GoFields n) {
        GoFields rp = n.object("RestartPolicy", "container.RestartPolicy");
        if (!rp.present()) {
            return null;
        }
        HostConfig.RestartPolicy p = new HostConfig.RestartPolicy(rp.string("Name", ""),
                orZero(rp.int32("MaximumRetryCount")));
        RestartPolicies.validate(p.name(), p.maximumRetryCount());
        return p;
    }

    private static MountSpec mount(GoFields m) {
        MountSpec.BindOptions bind = null;
        GoFields b = m.object("BindOptions", "mount.BindOptions");
        if (b.present()) {
            bind = new MountSpec.BindOptions(b.string("Propagation"), b.bool("NonRecursive"),
                    b.bool("CreateMountpoint"));
        }
        MountSpec.VolumeOptions vol = null;
        GoFields v = m.object("VolumeOptions", "mount.VolumeOptions");
        if (v.present()) {
            GoFields driver = v.object("DriverConfig", "mount.Driver");
            vol = new MountSpec.VolumeOptions(v.bool("NoCopy"), v.stringMap("Labels"), driver.string("Name"),
                    driver.stringMap("Options"), v.string("Subpath"));
        }
        MountSpec.TmpfsOptions tmp = null;
        GoFields t = m.object("TmpfsOptions", "mount.TmpfsOptions");
        if (t.present()) {
            tmp = new MountSpec.TmpfsOptions(orZero(t.int64("SizeBytes")), (int) orZero(t.unsigned("Mode", 32)));
        }
        MountSpec spec = new MountSpec(m.string("Type", ""), m.string("Source", ""), m.string("Target", ""),
                m.bool("ReadOnly"), m.string("Consistency"), bind, vol, tmp);
        MountSpecs.validate(spec);
        return spec;
    }

    /** The resources of a create body's host config or of an update body. */
    static ContainerResources resources(GoFields n) {
        List<ContainerResources.DeviceMapping> devices = new ArrayList<>();
        List<GoFields> ds = n.objects("Devices", "container.DeviceMapping");
        if (ds != null) {
            for (GoFields d : ds) {
                ContainerResources.DeviceMapping dm = new ContainerResources.DeviceMapping(d.string("PathOnHost"),
                        d.string("PathInContainer"), d.string("CgroupPermissions"));
                DeviceSpec.validate(dm);
                devices.add(dm);
            }
        }
        List<ContainerResources.Ulimit> ulimits = new ArrayList<>();
        List<GoFields> us = n.objects("Ulimits", "units.Ulimit");
        if (us != null) {
            for (GoFields u : us) {
                ContainerResources.Ulimit ul = new ContainerResources.Ulimit(u.string("Name", ""),
                        orZero(u.int64("Soft")), orZero(u.int64("Hard")));
                Ulimits.validate(ul);
                ulimits.add(ul);
            }
        }
        Long blkio = n.unsigned("BlkioWeight", 16);
        return new ContainerResources(n.int64("CpuShares"), n.int64("Memory"), n.int64("NanoCpus"),
                n.string("CgroupParent"), blkio == null ? null : blkio.intValue(), List.of(), List.of(), List.of(),
                List.of(), List.of(), n.int64("CpuPeriod"), n.int64("CpuQuota"), n.int64("CpuRealtimePeriod"),
                n.int64("CpuRealtimeRuntime"), n.string("CpusetCpus"), n.string("CpusetMems"), devices,
                n.strings("DeviceCgroupRules"), n.int64("MemoryReservation"), n.int64("MemorySwap"),
                n.int64("MemorySwappiness"), n.optionalBool("OomKillDisable"), n.int64("PidsLimit"), ulimits);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
