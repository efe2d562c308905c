package io.wharf.rest.internal.router.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads dockerd's JSON request bodies of the container routes into the API's records. */
final class ContainerRequests {
    private ContainerRequests() {
    }

    static ContainerCreateRequest create(JsonNode body) {
        if (body == null || body.isNull()) {
            throw new InvalidArgumentException("config cannot be empty in order to create a container");
        }
        ContainerConfig config = config(body);
        HostConfig hc = body.hasNonNull("HostConfig") ? hostConfig(body.get("HostConfig")) : null;
        Map<String, EndpointSettings> nets = new LinkedHashMap<>();
        JsonNode ep = body.path("NetworkingConfig").path("EndpointsConfig");
        for (Iterator<Map.Entry<String, JsonNode>> it = ep.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            nets.put(e.getKey(), new EndpointSettings(str(n.path("IPAMConfig"), "IPv4Address"),
                    str(n.path("IPAMConfig"), "IPv6Address"), strings(n.path("IPAMConfig").get("LinkLocalIPs")),
                    strings(n.get("Links")), strings(n.get("Aliases")), str(n, "MacAddress"), stringMap(n.get("DriverOpts")),
                    str(n, "NetworkID"), str(n, "EndpointID"), str(n, "Gateway"), str(n, "IPAddress"),
                    n.path("IPPrefixLen").asInt(0), str(n, "IPv6Gateway"), str(n, "GlobalIPv6Address"),
                    n.path("GlobalIPv6PrefixLen").asInt(0), strings(n.get("DNSNames"))));
        }
        return new ContainerCreateRequest(config, hc, nets, null);
    }

    static ContainerConfig config(JsonNode n) {
        ContainerConfig.HealthConfig health = null;
        JsonNode h = n.get("Healthcheck");
        if (h != null && !h.isNull()) {
            health = new ContainerConfig.HealthConfig(strings(h.get("Test")), h.path("Interval").asLong(0),
                    h.path("Timeout").asLong(0), h.path("StartPeriod").asLong(0), h.path("StartInterval").asLong(0),
                    h.path("Retries").asInt(0));
        }
        Integer stopTimeout = n.hasNonNull("StopTimeout") ? n.get("StopTimeout").asInt() : null;
        return new ContainerConfig(str(n, "Hostname"), str(n, "Domainname"), str(n, "User"),
                n.path("AttachStdin").asBoolean(), n.path("AttachStdout").asBoolean(),
                n.path("AttachStderr").asBoolean(), keys(n.get("ExposedPorts")), n.path("Tty").asBoolean(),
                n.path("OpenStdin").asBoolean(), n.path("StdinOnce").asBoolean(), strings(n.get("Env")),
                strings(n.get("Cmd")), health, n.path("ArgsEscaped").asBoolean(), str(n, "Image"),
                keys(n.get("Volumes")), str(n, "WorkingDir"), strings(n.get("Entrypoint")),
                n.path("NetworkDisabled").asBoolean(), str(n, "MacAddress"), strings(n.get("OnBuild")),
                stringMap(n.get("Labels")), str(n, "StopSignal"), stopTimeout, strings(n.get("Shell")));
    }

    static HostConfig hostConfig(JsonNode n) {
        HostConfig.LogConfig log = null;
        if (n.hasNonNull("LogConfig")) {
            log = new HostConfig.LogConfig(str(n.get("LogConfig"), "Type"), stringMap(n.get("LogConfig").get("Config")));
        }
        Map<String, List<HostConfig.PortBinding>> ports = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("PortBindings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<HostConfig.PortBinding> list = new ArrayList<>();
            for (JsonNode b : e.getValue()) {
                list.add(new HostConfig.PortBinding(b.path("HostIp").asText(""), b.path("HostPort").asText("")));
            }
            ports.put(e.getKey(), list);
        }
        HostConfig.RestartPolicy rp = null;
        if (n.hasNonNull("RestartPolicy")) {
            rp = new HostConfig.RestartPolicy(n.get("RestartPolicy").path("Name").asText(""),
                    n.get("RestartPolicy").path("MaximumRetryCount").asInt(0));
        }
        List<MountSpec> mounts = new ArrayList<>();
        for (JsonNode m : n.path("Mounts")) {
            mounts.add(mount(m));
        }
        Map<String, String> tmpfs = stringMap(n.get("Tmpfs"));
        return new HostConfig(strings(n.get("Binds")), str(n, "ContainerIDFile"), log, str(n, "NetworkMode"), ports, rp,
                n.path("AutoRemove").asBoolean(), str(n, "VolumeDriver"), strings(n.get("VolumesFrom")), mounts,
                strings(n.get("CapAdd")), strings(n.get("CapDrop")), str(n, "CgroupnsMode"), strings(n.get("Dns")),
                strings(n.get("DnsOptions")), strings(n.get("DnsSearch")), strings(n.get("ExtraHosts")),
                strings(n.get("GroupAdd")), str(n, "IpcMode"), str(n, "Cgroup"), strings(n.get("Links")),
                n.hasNonNull("OomScoreAdj") && n.get("OomScoreAdj").asInt() != 0 ? n.get("OomScoreAdj").asInt() : null,
                str(n, "PidMode"), n.path("Privileged").asBoolean(), n.path("PublishAllPorts").asBoolean(),
                n.path("ReadonlyRootfs").asBoolean(), strings(n.get("SecurityOpt")), stringMap(n.get("StorageOpt")),
                tmpfs, str(n, "UTSMode"), str(n, "UsernsMode"), n.path("ShmSize").asLong(0),
                stringMap(n.get("Sysctls")), str(n, "Runtime"), strings(n.get("MaskedPaths")),
                strings(n.get("ReadonlyPaths")), n.hasNonNull("Init") ? n.get("Init").asBoolean() : null,
                resources(n), strings(n.get("Annotations")));
    }

    private static MountSpec mount(JsonNode m) {
        MountSpec.BindOptions bind = null;
        if (m.hasNonNull("BindOptions")) {
            JsonNode b = m.get("BindOptions");
            bind = new MountSpec.BindOptions(str(b, "Propagation"), b.path("NonRecursive").asBoolean(),
                    b.path("CreateMountpoint").asBoolean());
        }
        MountSpec.VolumeOptions vol = null;
        if (m.hasNonNull("VolumeOptions")) {
            JsonNode v = m.get("VolumeOptions");
            vol = new MountSpec.VolumeOptions(v.path("NoCopy").asBoolean(), stringMap(v.get("Labels")),
                    str(v.path("DriverConfig"), "Name"), stringMap(v.path("DriverConfig").get("Options")),
                    str(v, "Subpath"));
        }
        MountSpec.TmpfsOptions tmp = null;
        if (m.hasNonNull("TmpfsOptions")) {
            JsonNode t = m.get("TmpfsOptions");
            tmp = new MountSpec.TmpfsOptions(t.path("SizeBytes").asLong(0), t.path("Mode").asInt(0));
        }
        String type = str(m, "Type");
        if (type == null || type.isEmpty()) {
            throw new InvalidArgumentException("invalid mount config: must use either propagation mode \"\" or type");
        }
        String target = str(m, "Target");
        if (target == null || target.isEmpty()) {
            throw new InvalidArgumentException("invalid mount config for type \"" + type
                    + "\": field Target must not be empty");
        }
        return new MountSpec(type, str(m, "Source") == null ? "" : str(m, "Source"), target,
                m.path("ReadOnly").asBoolean(), str(m, "Consistency"), bind, vol, tmp);
    }

    static ContainerResources resources(JsonNode n) {
        List<ContainerResources.DeviceMapping> devices = new ArrayList<>();
        for (JsonNode d : n.path("Devices")) {
            devices.add(new ContainerResources.DeviceMapping(str(d, "PathOnHost"), str(d, "PathInContainer"),
                    str(d, "CgroupPermissions")));
        }
        List<ContainerResources.Ulimit> ulimits = new ArrayList<>();
        for (JsonNode u : n.path("Ulimits")) {
            ulimits.add(new ContainerResources.Ulimit(str(u, "Name"), u.path("Soft").asLong(), u.path("Hard").asLong()));
        }
        return new ContainerResources(lng(n, "CpuShares"), lng(n, "Memory"), lng(n, "NanoCpus"), str(n, "CgroupParent"),
                n.hasNonNull("BlkioWeight") ? n.get("BlkioWeight").asInt() : null, List.of(), List.of(), List.of(),
                List.of(), List.of(), lng(n, "CpuPeriod"), lng(n, "CpuQuota"), lng(n, "CpuRealtimePeriod"),
                lng(n, "CpuRealtimeRuntime"), str(n, "CpusetCpus"), str(n, "CpusetMems"), devices,
                strings(n.get("DeviceCgroupRules")), lng(n, "MemoryReservation"), lng(n, "MemorySwap"),
                lng(n, "MemorySwappiness"), n.hasNonNull("OomKillDisable") ? n.get("OomKillDisable").asBoolean() : null,
                lng(n, "PidsLimit"), ulimits);
    }

    static String str(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidArgumentException("invalid JSON: " + field + " must be a number");
        }
        return v.asLong();
    }

    /** A list of strings; a bare string (Cmd, Entrypoint in old clients) is a one-element list; null when absent. */
    static List<String> strings(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        List<String> list = new ArrayList<>();
        for (JsonNode e : v) {
            list.add(e.asText());
        }
        return list;
    }

    static Map<String, String> stringMap(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return m;
    }

    private static Set<String> keys(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        Set<String> s = new LinkedHashSet<>();
        v.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
