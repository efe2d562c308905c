package io.wharf.daemon.internal.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerMountsTest {
    @TempDir
    Path tmp;

    private static HostConfig withBinds(List<String> binds, List<MountSpec> mounts, Map<String, String> tmpfs) {
        HostConfig h = HostConfigs.withMounts(HostConfigs.empty(), mounts);
        return new HostConfig(binds, h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), h.links(), h.oomScoreAdj(), h.pidMode(), h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), tmpfs, h.utsMode(), h.usernsMode(),
                h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(), h.resources(),
                h.annotations());
    }

    private static MountSpec bind(String src, String dst, MountSpec.BindOptions o) {
        return new MountSpec("bind", src, dst, false, "", o, null, null);
    }

    @Test
    void aMissingBindSourceIsRefusedForMountButNotForCreateMountpoint() {
        String missing = tmp.resolve("nope").toString();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ContainerMounts.validate(
                withBinds(List.of(), List.of(bind(missing, "/x", null)), Map.of())));
        assertEquals("invalid mount config for type \"bind\": bind source path does not exist: " + missing,
                e.getMessage());
        ContainerMounts.validate(withBinds(List.of(), List.of(bind(missing, "/x",
                new MountSpec.BindOptions("", false, true))), Map.of()));
    }

    @Test
    void relativePathsRootAndDuplicatesAreRefused() {
        assertEquals("invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute",
                assertThrows(InvalidArgumentException.class, () -> ContainerMounts.validate(
                        withBinds(List.of(), List.of(bind("rel", "/x", null)), Map.of()))).getMessage());
        assertThrows(InvalidArgumentException.class, () -> ContainerMounts.validate(withBinds(List.of(),
                List.of(new MountSpec("volume", "v", "/", false, "", null, null, null)), Map.of())));
        assertEquals("Duplicate mount point: /x/", assertThrows(InvalidArgumentException.class,
                () -> ContainerMounts.validate(withBinds(List.of("v:/x"), List.of(), Map.of("/x/", "")))).getMessage());
        assertThrows(InvalidArgumentException.class, () -> ContainerMounts.validate(withBinds(List.of(),
                List.of(new MountSpec("tmpfs", "/host", "/t", false, "", null, null, null)), Map.of())));
    }

    @Test
    void volumesFromTakesOnlyRoOrRw() {
        assertEquals("", ContainerMounts.volumesFromMode("web"));
        assertEquals("ro", ContainerMounts.volumesFromMode("web:ro"));
        assertEquals("invalid mode: z", assertThrows(InvalidArgumentException.class,
                () -> ContainerMounts.volumesFromMode("web:z")).getMessage());
    }

    @Test
    void planReadsEveryKindOfMount() {
        HostConfig hc = withBinds(List.of("data:/data:ro", "cache:/cache:nocopy", "/srv:/srv:rslave"),
                List.of(new MountSpec("tmpfs", "", "/t", false, "", null, null,
                        new MountSpec.TmpfsOptions(1 << 20, 01777)),
                        bind("/opt", "/opt", new MountSpec.BindOptions("", true, false))),
                Map.of("/run", "exec,size=64k"));
        List<ContainerMounts.Planned> p = ContainerMounts.plan(hc);
        assertEquals(6, p.size());
        assertEquals("volume", p.get(0).type());
        assertTrue(p.get(0).readOnly());
        assertEquals("ro", p.get(0).mode());
        assertTrue(p.get(0).copy());
        assertFalse(p.get(1).copy());
        assertEquals("rslave", p.get(2).propagation());
        assertTrue(p.get(3).tmpfsOptions().containsAll(List.of("size=1048576", "mode=1777", "noexec")));
        assertTrue(p.get(4).nonRecursive());
        assertFalse(p.get(5).tmpfsOptions().contains("noexec"));
        assertFalse(p.get(5).shown());
        assertEquals(List.of("data", "cache"), ContainerMounts.volumeNames(hc));
    }

    @Test
    void imageContentOutsideTheRootIsNotCopied() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(tmp.resolve("outside/etc"));
        Files.createSymbolicLink(root.resolve("escape"), tmp.resolve("outside"));
        assertEquals(root.resolve("data"), ContainerMounts.inRoot(root, "/data/"));
        assertNull(ContainerMounts.inRoot(root, "/escape/etc"));
        assertNull(ContainerMounts.inRoot(root, "/missing"));
    }
}
