package io.wharf.daemon.internal.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcFilesTest {
    private static final List<String> HOST = List.of("# the host's", "nameserver 127.0.0.53",
            "nameserver 192.0.2.1", "search corp.example", "options edns0 ndots:2");

    private static HostConfig dns(List<String> servers, List<String> search, List<String> options) {
        HostConfig h = HostConfigs.empty();
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), servers, options, search, h.extraHosts(), h.groupAdd(), h.ipcMode(),
                h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    @Test
    void theDefaultBridgeCopiesTheHostsFileWithoutLoopbackResolvers() {
        assertEquals("nameserver 192.0.2.1\nsearch corp.example\noptions edns0 ndots:2\n",
                EtcFiles.resolvConf(HostConfigs.empty(), false, null, HOST));
    }

    @Test
    void theDefaultBridgeTakesTheContainersOwnSettings() {
        assertEquals("nameserver 198.51.100.7\nsearch a.example b.example\noptions ndots:3\n",
                EtcFiles.resolvConf(dns(List.of("198.51.100.7"), List.of("a.example", "b.example"),
                        List.of("ndots:3")), false, null, HOST));
    }

    @Test
    void aUserNetworkNamesOnlyItsServerAndListsTheUpstreams() {
        assertEquals("nameserver 10.9.0.1\nsearch corp.example\noptions edns0 ndots:2\n\n"
                + "# Based on host file: '/etc/resolv.conf' (internal resolver)\n"
                + "# ExtServers: [host(127.0.0.53) 192.0.2.1]\n# Overrides: []\n# Option ndots from: host\n",
                EtcFiles.resolvConf(HostConfigs.empty(), false, "10.9.0.1", HOST));
    }

    @Test
    void aUserNetworkForwardsToTheContainersServersAndAddsNdotsZero() {
        assertEquals("nameserver 10.9.0.1\nsearch a.example\noptions timeout:1 ndots:0\n\n"
                + "# Based on host file: '/etc/resolv.conf' (internal resolver)\n"
                + "# ExtServers: [198.51.100.7 198.51.100.8]\n# Overrides: [nameservers search options]\n"
                + "# Option ndots from: internal\n",
                EtcFiles.resolvConf(dns(List.of("198.51.100.7", "198.51.100.8"), List.of("a.example"),
                        List.of("timeout:1", "ndots:-1")), false, "10.9.0.1", HOST));
    }

    @Test
    void aValidNdotsOptionIsKeptAndDotSearchClearsTheSearchList() {
        assertEquals("nameserver 10.9.0.1\noptions ndots:5\n\n"
                + "# Based on host file: '/etc/resolv.conf' (internal resolver)\n"
                + "# ExtServers: [host(127.0.0.53) 192.0.2.1]\n# Overrides: [search options]\n"
                + "# Option ndots from: override\n",
                EtcFiles.resolvConf(dns(List.of(), List.of("."), List.of("ndots:5")), false, "10.9.0.1", HOST));
    }
}
