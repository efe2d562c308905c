package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.NotFoundException;
import io.wharf.api.runtime.Capabilities;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.DeviceRule;
import io.wharf.api.runtime.DockerDefaults;
import io.wharf.api.runtime.Mount;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import io.wharf.api.runtime.RuntimeState;
import io.wharf.testkit.runtime.RuntimeDriverContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime driver contract (the testkit's) for one OCI runtime under conmon, plus what only an OCI runtime has:
 * its state and cgroups removed on delete, the default seccomp profile, privileged containers, conmon's death.
 * Needs root, conmon and the runtime binary.
 */
abstract class OciRuntimeContract extends RuntimeDriverContract {
    static final Path CONMON = Path.of("/usr/bin/conmon");

    abstract Path runtimeBinary();

    @Override
    protected boolean available() {
        return Files.isExecutable(CONMON) && Files.isExecutable(runtimeBinary());
    }

    @Override
    protected OciRuntime newRuntime() {
        return new OciRuntime(runtimeName(), runtimeBinary(), List.of(), CONMON, execRoot, dataRoot);
    }

    @Override
    protected void closeRuntime(ContainerRuntime r) {
        ((OciRuntime) r).close();
    }

    OciRuntime oci() {
        return (OciRuntime) runtime;
    }

    @Test
    void deletingAnExitedContainerLeavesNoCgroupNorRuntimeState() throws Exception {
        String id = newId();
        runtime.create(spec(id, List.of("true"), Resources.NONE), io(tmp.resolve("logs").resolve(id + ".log")));
        runtime.start(id);
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        List<Path> cgroups = new ArrayList<>();
        for (Path hierarchy : StoppedRuncState.hierarchies()) {
            cgroups.add(hierarchy.resolve(cgroupParent().substring(1)).resolve(id));
        }
        assertTrue(cgroups.stream().anyMatch(Files::isDirectory), "the container had cgroups: " + cgroups);
        runtime.delete(id);
        assertEquals(List.of(), cgroups.stream().filter(Files::exists).toList(), "cgroups left behind");
        assertFalse(Files.exists(oci().layout().stateDir().resolve(id)), "runtime state left behind");
        assertThrows(NotFoundException.class, () -> runtime.state(id));
    }

    @Test
    void defaultSeccompProfileFiltersAndCommonToolsStillWork() throws Exception {
        String id = run(List.of("sh", "-c", "grep '^Seccomp:' /proc/self/status; ls / >/dev/null && date >/dev/null"
                + " && ps >/dev/null && sort /etc/passwd | uniq | wc -l && sleep 0.1 && (echo sub; true) | cat"
                + " && ulimit -n && unshare -n true 2>/dev/null || echo refused"), Resources.NONE);
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        String log = Files.readString(logOf(id));
        assertTrue(log.contains(" stdout F Seccomp:\t2\n"), log);
        assertTrue(log.contains(" stdout F 2\n"), log);
        assertTrue(log.contains(" stdout F sub\n"), log);
        assertTrue(log.contains(" stdout F refused\n"), log);
        // the requested open files limit, lowered to the daemon's own hard limit
        long ownHard = Long.parseLong(new String(new ProcessBuilder("sh", "-c", "ulimit -Hn").start()
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertTrue(log.contains(" stdout F " + Math.min(ownHard, 1048576) + "\n"), log);
    }

    @Test
    void privilegedContainerMayMountAndUnshare() throws Exception {
        String id = newId();
        ProcessSpec p = process(List.of("sh", "-c", "grep '^Seccomp:' /proc/self/status; unshare -n true && echo"
                + " unshared; mkdir -p /mnt && mount -t tmpfs none /mnt && echo mounted; cat /proc/kcore >/dev/null"
                + " 2>&1 | head -c 1; echo read"));
        p = new ProcessSpec(p.args(), p.env(), p.cwd(), p.user(), false, null,
                Capabilities.of(DockerDefaults.ALL_CAPABILITIES), false, p.rlimits(), null, null, null);
        ContainerSpec.Builder b = ContainerSpec.builder(id, rootfs, p).hostname(id.substring(0, 12))
                .cgroupParent(cgroupParent());
        b.mounts().addAll(DockerDefaults.MOUNTS);
        b.mount(new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "rw")));
        b.namespaces().addAll(DockerDefaults.NAMESPACES);
        b.deviceRules().add(DeviceRule.ALLOW_ALL);
        runtime.create(b.build(), io(logOf(id)));
        runtime.start(id);
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        String log = Files.readString(logOf(id));
        assertTrue(log.contains(" stdout F Seccomp:\t0\n"), log);
        assertTrue(log.contains(" stdout F unshared\n"), log);
        assertTrue(log.contains(" stdout F mounted\n"), log);
    }

    @Test
    void aMonitorKilledWithItsContainerStillEndsTheWait() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.NONE);
        int containerPid = runtime.state(id).pid();
        int conmonPid = Integer.parseInt(Files.readString(oci().layout().conmonPidFile(id)).strip());
        var exit = runtime.exited(id).toCompletableFuture();
        ProcessHandle.of(conmonPid).orElseThrow().destroyForcibly(); // SIGKILL: no exit file
        ProcessHandle.of(containerPid).orElseThrow().destroyForcibly();
        assertEquals(255, exit.get(30, TimeUnit.SECONDS).exitCode());
        assertEquals(RuntimeState.Status.STOPPED, runtime.state(id).status());
    }
}
