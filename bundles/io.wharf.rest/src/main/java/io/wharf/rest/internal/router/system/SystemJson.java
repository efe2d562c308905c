package io.wharf.rest.internal.router.system;

import io.wharf.api.system.SystemInfo;
import io.wharf.api.system.VersionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the engine's version and info records to the JSON shapes of Docker's SystemVersion and SystemInfo. */
final class SystemJson {
    private SystemJson() {
    }

    static Map<String, Object> version(VersionInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Platform", Map.of("Name", nz(v.platformName())));
        List<Map<String, Object>> components = new ArrayList<>();
        for (VersionInfo.Component c : v.components()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("Name", c.name());
            cm.put("Version", c.version());
            cm.put("Details", c.details());
            components.add(cm);
        }
        m.put("Components", components);
        m.put("Version", nz(v.version()));
        m.put("ApiVersion", nz(v.apiVersion()));
        m.put("MinAPIVersion", nz(v.minApiVersion()));
        m.put("GitCommit", nz(v.gitCommit()));
        m.put("GoVersion", nz(v.runtimeVersion()));
        m.put("Os", nz(v.os()));
        m.put("Arch", nz(v.arch()));
        m.put("KernelVersion", nz(v.kernelVersion()));
        if (v.experimental()) {
            m.put("Experimental", true);   // omitted when false, as dockerd does
        }
        m.put("BuildTime", nz(v.buildTime()));
        return m;
    }

    static Map<String, Object> info(SystemInfo i) {
        SystemInfo.HostFacts h = i.host();
        SystemInfo.ContainerCounts c = i.containers();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", nz(i.id()));
        m.put("Containers", c == null ? 0 : c.total());
        m.put("ContainersRunning", c == null ? 0 : c.running());
        m.put("ContainersPaused", c == null ? 0 : c.paused());
        m.put("ContainersStopped", c == null ? 0 : c.stopped());
        m.put("Images", i.images());
        SystemInfo.StorageStatus storage = i.storageDriver();
        m.put("Driver", storage == null || storage.name() == null ? "" : storage.name());
        m.put("DriverStatus", storage == null || storage.status() == null ? List.of() : storage.status());
        m.put("DockerRootDir", nz(i.dataRoot()));
        SystemInfo.DriverNames p = i.plugins();
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put("Volume", p == null ? List.of() : list(p.volume()));
        plugins.put("Network", p == null ? List.of() : list(p.network()));
        plugins.put("Authorization", p == null || p.authorization() == null || p.authorization().isEmpty() ? null
                : p.authorization());
        plugins.put("Log", p == null ? List.of() : list(p.log()));
        m.put("Plugins", plugins);
        m.put("MemoryLimit", h != null && h.memoryLimit());
        m.put("SwapLimit", h != null && h.swapLimit());
        m.put("CpuCfsPeriod", h != null && h.cpuCfsPeriod());
        m.put("CpuCfsQuota", h != null && h.cpuCfsQuota());
        m.put("CPUShares", h != null && h.cpuShares());
        m.put("CPUSet", h != null && h.cpuSet());
        m.put("PidsLimit", h != null && h.pidsLimit());
        m.put("OomKillDisable", h != null && h.oomKillDisable());
        m.put("IPv4Forwarding", h != null && h.ipv4Forwarding());
        SystemInfo.NetworkFacts net = i.network();
        m.put("BridgeNfIptables", net != null && net.bridgeNfIptables());
        m.put("BridgeNfIp6tables", net != null && net.bridgeNfIp6tables());
        m.put("Debug", i.debug());
        m.put("NFd", i.fileDescriptors());
        m.put("NGoroutines", i.threads());
        m.put("SystemTime", nz(i.systemTime()));
        m.put("LoggingDriver", nz(i.loggingDriver()));
        m.put("CgroupDriver", h == null ? "cgroupfs" : nz(h.cgroupDriver()));
        m.put("CgroupVersion", h == null ? "" : nz(h.cgroupVersion()));
        m.put("NEventsListener", i.eventsListeners());
        m.put("KernelVersion", h == null ? "" : nz(h.kernelVersion()));
        m.put("OperatingSystem", h == null ? "" : nz(h.operatingSystem()));
        m.put("OSVersion", h == null ? "" : nz(h.osVersion()));
        m.put("OSType", h == null || h.osType() == null ? "linux" : h.osType());
        m.put("Architecture", h == null ? "" : nz(h.architecture()));
        m.put("IndexServerAddress", registryIndex(i.registry()));
        m.put("RegistryConfig", registry(i.registry()));
        m.put("NCPU", h == null ? 0 : h.cpus());
        m.put("MemTotal", h == null ? 0 : h.memTotal());
        m.put("GenericResources", null);
        m.put("HttpProxy", "");
        m.put("HttpsProxy", "");
        m.put("NoProxy", "");
        m.put("Name", nz(i.name()));
        m.put("Labels", list(i.labels()));
        m.put("ExperimentalBuild", i.experimental());
        m.put("ServerVersion", nz(i.serverVersion()));
        Map<String, Object> runtimes = new LinkedHashMap<>();
        if (i.runtimes() != null) {
            i.runtimes().forEach((name, r) -> {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("path", r.path());
                if (r.args() != null && !r.args().isEmpty()) {
                    rm.put("runtimeArgs", r.args());
                }
                runtimes.put(name, rm);
            });
        }
        m.put("Runtimes", runtimes);
        m.put("DefaultRuntime", nz(i.defaultRuntime()));
        Map<String, Object> swarm = new LinkedHashMap<>();
        swarm.put("NodeID", "");
        swarm.put("NodeAddr", "");
        swarm.put("LocalNodeState", "inactive");
        swarm.put("ControlAvailable", false);
        swarm.put("Error", "");
        swarm.put("RemoteManagers", null);
        m.put("Swarm", swarm);
        m.put("LiveRestoreEnabled", i.liveRestore());
        m.put("Isolation", "");
        m.put("InitBinary", nz(i.initBinary()));
        m.put("ContainerdCommit", commit());
        m.put("RuncCommit", commit());
        m.put("InitCommit", commit());
        m.put("SecurityOptions", list(i.securityOptions()));
        m.put("CDISpecDirs", List.of());
        m.put("DefaultAddressPools", addressPools(net));
        m.put("Warnings", i.warnings() == null || i.warnings().isEmpty() ? null : i.warnings());
        return m;
    }

    /** Base and size of each pool, null when there are none (the CLI then prints no such section). */
    private static List<Map<String, Object>> addressPools(SystemInfo.NetworkFacts net) {
        if (net == null || net.defaultAddressPools() == null || net.defaultAddressPools().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> pools = new ArrayList<>();
        for (var p : net.defaultAddressPools()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("Base", p.base());
            pm.put("Size", p.size());
            pools.add(pm);
        }
        return pools;
    }

    private static Map<String, Object> registry(SystemInfo.RegistrySettings r) {
        List<String> mirrors = r == null ? List.of() : list(r.mirrors());
        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("Name", "docker.io");
        docker.put("Mirrors", mirrors);
        docker.put("Secure", true);
        docker.put("Official", true);
        Map<String, Object> indexConfigs = new LinkedHashMap<>();
        indexConfigs.put("docker.io", docker);
        if (r != null && r.insecureRegistries() != null) {
            for (String name : r.insecureRegistries()) {
                Map<String, Object> ic = new LinkedHashMap<>();
                ic.put("Name", name);
                ic.put("Mirrors", List.of());
                ic.put("Secure", false);
                ic.put("Official", false);
                indexConfigs.put(name, ic);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AllowNondistributableArtifactsCIDRs", null);
        m.put("AllowNondistributableArtifactsHostnames", null);
        m.put("InsecureRegistryCIDRs", r == null || r.insecureRegistryCidrs() == null ? List.of("::1/128", "127.0.0.0/8")
                : r.insecureRegistryCidrs());
        m.put("IndexConfigs", indexConfigs);
        m.put("Mirrors", mirrors);
        return m;
    }

    private static String registryIndex(SystemInfo.RegistrySettings r) {
        return r == null || r.indexServerAddress() == null ? "https://index.docker.io/v1/" : r.indexServerAddress();
    }

    private static Map<String, Object> commit() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", "");
        m.put("Expected", "");
        return m;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
