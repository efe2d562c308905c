package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountSpec;
import java.util.List;
import java.util.Map;

/** Copies of a {@link HostConfig} with one part changed, and its normal form (no null collections). */
final class HostConfigs {
    private HostConfigs() {
    }

    static HostConfig empty() {
        return normalise(new HostConfig(null, null, null, null, null, null, false, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, false, false, false, null, null, null,
                null, null, 0, null, null, null, null, null, null, null));
    }

    static HostConfig normalise(HostConfig h) {
        String net = h.networkMode() == null || h.networkMode().isEmpty() || h.networkMode().equals("default")
                ? "bridge" : h.networkMode();
        HostConfig.RestartPolicy rp = h.restartPolicy() == null || h.restartPolicy().name() == null
                || h.restartPolicy().name().isEmpty() ? HostConfig.RestartPolicy.NO : h.restartPolicy();
        return new HostConfig(l(h.binds()), s(h.containerIdFile()), h.logConfig(), net, m(h.portBindings()), rp,
                h.autoRemove(), s(h.volumeDriver()), l(h.volumesFrom()), l(h.mounts()), l(h.capAdd()),
                l(h.capDrop()), s(h.cgroupnsMode()), l(h.dns()), l(h.dnsOptions()), l(h.dnsSearch()),
                l(h.extraHosts()), l(h.groupAdd()), s(h.ipcMode()), s(h.cgroup()), l(h.links()), h.oomScoreAdj(),
                s(h.pidMode()), h.privileged(), h.publishAllPorts(), h.readonlyRootfs(), l(h.securityOpt()),
                m(h.storageOpt()), m(h.tmpfs()), s(h.utsMode()), s(h.usernsMode()), h.shmSize(), m(h.sysctls()),
                s(h.runtime()), h.maskedPaths(), h.readonlyPaths(), h.init(),
                h.resources() == null ? ContainerResources.NONE : h.resources(), l(h.annotations()));
    }

    static HostConfig withLogConfig(HostConfig h, HostConfig.LogConfig lc) {
        return new HostConfig(h.binds(), h.containerIdFile(), lc, h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    /** With the runtime the container runs under, which inspect shows as dockerd does (the default, if none was asked). */
    static HostConfig withRuntime(HostConfig h, String runtime) {
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), runtime, h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    static HostConfig withMounts(HostConfig h, List<MountSpec> mounts) {
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), List.copyOf(mounts), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    static HostConfig withResources(HostConfig h, ContainerResources r) {
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), r,
                h.annotations());
    }

    static HostConfig withRestartPolicy(HostConfig h, HostConfig.RestartPolicy p) {
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                p, h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    /** The current resources with every value the update sets (non-null) replaced. */
    static ContainerResources mergeResources(ContainerResources a, ContainerResources u) {
        if (u == null) {
            return a;
        }
        return new ContainerResources(or(u.cpuShares(), a.cpuShares()), or(u.memory(), a.memory()),
                or(u.nanoCpus(), a.nanoCpus()), or(u.cgroupParent(), a.cgroupParent()),
                or(u.blkioWeight(), a.blkioWeight()), a.blkioWeightDevice(), a.blkioDeviceReadBps(),
                a.blkioDeviceWriteBps(), a.blkioDeviceReadIOps(), a.blkioDeviceWriteIOps(),
                or(u.cpuPeriod(), a.cpuPeriod()), or(u.cpuQuota(), a.cpuQuota()),
                or(u.cpuRealtimePeriod(), a.cpuRealtimePeriod()), or(u.cpuRealtimeRuntime(), a.cpuRealtimeRuntime()),
                or(u.cpusetCpus(), a.cpusetCpus()), or(u.cpusetMems(), a.cpusetMems()), a.devices(),
                a.deviceCgroupRules(), or(u.memoryReservation(), a.memoryReservation()),
                or(u.memorySwap(), a.memorySwap()), or(u.memorySwappiness(), a.memorySwappiness()),
                or(u.oomKillDisable(), a.oomKillDisable()), or(u.pidsLimit(), a.pidsLimit()), a.ulimits());
    }

    private static <T> T or(T a, T b) {
        if (a instanceof Number n && n.longValue() == 0) {
            return b;
        }
        if (a instanceof String str && str.isEmpty()) {
            return b;
        }
        return a == null ? b : a;
    }

    private static <T> List<T> l(List<T> v) {
        return v == null ? List.of() : v;
    }

    private static <K, V> Map<K, V> m(Map<K, V> v) {
        return v == null ? Map.of() : v;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
