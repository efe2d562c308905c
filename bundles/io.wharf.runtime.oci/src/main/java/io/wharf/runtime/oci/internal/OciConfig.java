package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.runtime.Capabilities;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.Device;
import io.wharf.api.runtime.DeviceRule;
import io.wharf.api.runtime.Mount;
import io.wharf.api.runtime.Namespace;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Turns a {@link ContainerSpec} into an OCI runtime-spec 1.x {@code config.json}. */
final class OciConfig {
    static final String OCI_VERSION = "1.0.2";

    private final ObjectMapper mapper;
    private final HostLimits hostLimits;
    private final HostCapabilities hostCapabilities;

    OciConfig(ObjectMapper mapper, HostLimits hostLimits, HostCapabilities hostCapabilities) {
        this.mapper = mapper;
        this.hostLimits = hostLimits;
        this.hostCapabilities = hostCapabilities;
    }

    /** The cgroup of a container, relative to the hierarchy roots; cgroupfs style. */
    static String cgroupsPath(ContainerSpec spec) {
        String parent = spec.cgroupParent() == null || spec.cgroupParent().isBlank() ? "/wharf" : spec.cgroupParent();
        if (!parent.startsWith("/")) {
            parent = "/" + parent;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + spec.id();
    }

    ObjectNode config(ContainerSpec spec) {
        ObjectNode root = mapper.createObjectNode();
        root.put("ociVersion", OCI_VERSION);
        root.set("process", process(spec.process()));
        ObjectNode rootfs = root.putObject("root");
        rootfs.put("path", spec.rootfs().toString());
        rootfs.put("readonly", spec.readonlyRootfs());
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            root.put("hostname", spec.hostname());
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            root.put("domainname", spec.domainname());
        }
        ArrayNode mounts = root.putArray("mounts");
        for (Mount m : spec.mounts()) {
            ObjectNode node = mounts.addObject();
            node.put("destination", m.destination());
            if (m.type() != null) {
                node.put("type", m.type());
            }
            if (m.source() != null) {
                node.put("source", m.source());
            }
            strings(node.putArray("options"), m.options());
        }
        ObjectNode annotations = root.putObject("annotations");
        spec.annotations().forEach(annotations::put);
        root.set("linux", linux(spec));
        return root;
    }

    ObjectNode process(ProcessSpec p) {
        if (p.args().isEmpty()) {
            throw new InvalidArgumentException("No command specified");
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("terminal", p.terminal());
        if (p.consoleSize() != null) {
            ObjectNode size = node.putObject("consoleSize");
            size.put("height", p.consoleSize().height());
            size.put("width", p.consoleSize().width());
        }
        ObjectNode user = node.putObject("user");
        user.put("uid", p.user().uid());
        user.put("gid", p.user().gid());
        if (!p.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            p.user().additionalGids().forEach(gids::add);
        }
        strings(node.putArray("args"), p.args());
        strings(node.putArray("env"), p.env());
        node.put("cwd", p.cwd());
        Capabilities caps = p.capabilities();
        ObjectNode capNode = node.putObject("capabilities");
        strings(capNode.putArray("bounding"), sorted(hostCapabilities.filter(caps.bounding())));
        strings(capNode.putArray("effective"), sorted(hostCapabilities.filter(caps.effective())));
        strings(capNode.putArray("permitted"), sorted(hostCapabilities.filter(caps.permitted())));
        strings(capNode.putArray("inheritable"), List.of());
        strings(capNode.putArray("ambient"), sorted(hostCapabilities.filter(caps.ambient())));
        ArrayNode rlimits = node.putArray("rlimits");
        for (ProcessSpec.Rlimit r : p.rlimits()) {
            // Without CAP_SYS_RESOURCE a limit above our own hard limit fails the container's start.
            long hard = hostLimits.clampHard(r.type(), r.hard());
            ObjectNode rl = rlimits.addObject();
            rl.put("type", r.type());
            rl.put("hard", hard);
            rl.put("soft", Long.compareUnsigned(r.soft(), hard) > 0 ? hard : r.soft());
        }
        node.put("noNewPrivileges", p.noNewPrivileges());
        if (p.oomScoreAdj() != null) {
            node.put("oomScoreAdj", p.oomScoreAdj());
        }
        if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty()) {
            node.put("apparmorProfile", p.apparmorProfile());
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
            node.put("selinuxLabel", p.selinuxLabel());
        }
        return node;
    }

    private ObjectNode linux(ContainerSpec spec) {
        ObjectNode linux = mapper.createObjectNode();
        ObjectNode sysctl = linux.putObject("sysctl");
        spec.sysctls().forEach(sysctl::put);
        linux.set("resources", resources(spec.resources(), spec.deviceRules()));
        linux.put("cgroupsPath", cgroupsPath(spec));
        ArrayNode namespaces = linux.putArray("namespaces");
        for (Namespace ns : spec.namespaces()) {
            ObjectNode node = namespaces.addObject();
            node.put("type", ns.type());
            if (ns.path() != null && !ns.path().isEmpty()) {
                node.put("path", ns.path());
            }
        }
        ArrayNode devices = linux.putArray("devices");
        for (Device d : spec.devices()) {
            ObjectNode node = devices.addObject();
            node.put("path", d.path());
            node.put("type", d.type());
            node.put("major", d.major());
            node.put("minor", d.minor());
            if (d.fileMode() != null) {
                node.put("fileMode", d.fileMode());
            }
            node.put("uid", d.uid() == null ? 0 : d.uid());
            node.put("gid", d.gid() == null ? 0 : d.gid());
        }
        strings(linux.putArray("maskedPaths"), spec.maskedPaths());
        strings(linux.putArray("readonlyPaths"), spec.readonlyPaths());
        if (spec.seccompProfile() != null && !spec.seccompProfile().isBlank()) {
            try {
                JsonNode seccomp = mapper.readTree(spec.seccompProfile());
                if (!seccomp.isObject()) {
                    throw new InvalidArgumentException("seccomp profile is not a JSON object");
                }
                linux.set("seccomp", seccomp);
            } catch (IOException e) {
                throw new InvalidArgumentException("Decoding seccomp profile failed: " + e.getMessage(), e);
            }
        }
        return linux;
    }

    /** The {@code linux.resources} object; also the input of {@code runc update --resources}. */
    ObjectNode resources(Resources r, List<DeviceRule> deviceRules) {
        ObjectNode node = mapper.createObjectNode();
        if (deviceRules != null) {
            ArrayNode devices = node.putArray("devices");
            for (DeviceRule rule : deviceRules) {
                ObjectNode d = devices.addObject();
                d.put("allow", rule.allow());
                d.put("type", rule.type());
                if (rule.major() != null) {
                    d.put("major", rule.major());
                }
                if (rule.minor() != null) {
                    d.put("minor", rule.minor());
                }
                d.put("access", rule.access());
            }
        }
        ObjectNode memory = mapper.createObjectNode();
        putIf(memory, "limit", r.memory());
        putIf(memory, "reservation", r.memoryReservation());
        putIf(memory, "swap", r.memorySwap());
        putIf(memory, "kernelTCP", r.kernelMemoryTcp());
        if (r.memorySwappiness() != null && r.memorySwappiness() >= 0) {
            memory.put("swappiness", r.memorySwappiness());
        }
        if (r.oomKillDisable() != null) {
            memory.put("disableOOMKiller", r.oomKillDisable());
        }
        setIfNotEmpty(node, "memory", memory);
        ObjectNode cpu = mapper.createObjectNode();
        putIf(cpu, "shares", r.cpuShares());
        putIf(cpu, "quota", r.cpuQuota());
        putIf(cpu, "period", r.cpuPeriod());
        putIf(cpu, "realtimeRuntime", r.cpuRealtimeRuntime());
        putIf(cpu, "realtimePeriod", r.cpuRealtimePeriod());
        if (r.cpusetCpus() != null && !r.cpusetCpus().isEmpty()) {
            cpu.put("cpus", r.cpusetCpus());
        }
        if (r.cpusetMems() != null && !r.cpusetMems().isEmpty()) {
            cpu.put("mems", r.cpusetMems());
        }
        setIfNotEmpty(node, "cpu", cpu);
        if (r.pidsLimit() != null) {
            // Docker: 0 and -1 both mean unlimited; the runtimes want a positive limit or -1.
            node.putObject("pids").put("limit", r.pidsLimit() > 0 ? r.pidsLimit() : -1);
        }
        ObjectNode blkio = mapper.createObjectNode();
        if (r.blkioWeight() != null && r.blkioWeight() > 0) {
            blkio.put("weight", r.blkioWeight());
        }
        if (!r.blkioWeightDevices().isEmpty()) {
            ArrayNode wd = blkio.putArray("weightDevice");
            for (Resources.BlkioWeightDevice w : r.blkioWeightDevices()) {
                ObjectNode d = wd.addObject();
                d.put("major", w.major());
                d.put("minor", w.minor());
                d.put("weight", w.weight());
            }
        }
        throttle(blkio, "throttleReadBpsDevice", r.blkioReadBps());
        throttle(blkio, "throttleWriteBpsDevice", r.blkioWriteBps());
        throttle(blkio, "throttleReadIOPSDevice", r.blkioReadIops());
        throttle(blkio, "throttleWriteIOPSDevice", r.blkioWriteIops());
        setIfNotEmpty(node, "blockIO", blkio);
        return node;
    }

    private static void throttle(ObjectNode blkio, String field, List<Resources.BlkioThrottle> list) {
        if (list.isEmpty()) {
            return;
        }
        ArrayNode array = blkio.putArray(field);
        for (Resources.BlkioThrottle t : list) {
            ObjectNode d = array.addObject();
            d.put("major", t.major());
            d.put("minor", t.minor());
            d.put("rate", t.rate());
        }
    }

    private static void putIf(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void setIfNotEmpty(ObjectNode parent, String field, ObjectNode child) {
        if (!child.isEmpty()) {
            parent.set(field, child);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static List<String> sorted(Collection<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

}
