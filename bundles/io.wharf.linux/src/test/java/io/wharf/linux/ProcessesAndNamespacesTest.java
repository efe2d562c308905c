package io.wharf.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessesAndNamespacesTest {
    @Test
    void identity() {
        assertEquals(0, Processes.getuid(), "the tests run as root");
        assertEquals(0, Processes.geteuid());
        assertEquals(ProcessHandle.current().pid(), Processes.getpid());
    }

    @Test
    void killsAChild() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = (int) p.pid();
            assertTrue(Processes.isAlive(pid));
            Processes.kill(pid, Processes.SIGTERM);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Processes.SIGTERM, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void killOfAbsentProcessIsEsrch() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        int pid = (int) p.pid();
        assertFalse(Processes.isAlive(pid));
        LinuxException e = assertThrows(LinuxException.class, () -> Processes.kill(pid, 0));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("kill " + pid + " signal 0: No such process", e.getMessage());
    }

    @Test
    void joinsOwnNetworkNamespaceOnADedicatedThread() throws Exception {
        // Joining the namespace the thread is already in is allowed and harmless.
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                Namespaces.setns(Path.of("/proc/self/ns/net"), Namespaces.CLONE_NEWNET);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join(10_000);
        assertFalse(t.isAlive());
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @Test
    void setnsWithWrongTypeIsEinval() {
        LinuxException e = assertThrows(LinuxException.class,
                () -> Namespaces.setns(Path.of("/proc/self/ns/net"), Namespaces.CLONE_NEWUTS));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
