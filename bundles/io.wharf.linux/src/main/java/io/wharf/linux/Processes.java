package io.wharf.linux;

import static io.wharf.linux.internal.Syscalls.error;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.Syscalls;

/** Process identity and signals. */
public final class Processes {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    private Processes() {}

    public static int getuid() {
        return Syscalls.libc().getuid();
    }

    public static int geteuid() {
        return Syscalls.libc().geteuid();
    }

    public static int getpid() {
        return Syscalls.libc().getpid();
    }

    /** kill(2); signal 0 only checks that the process exists (ESRCH when not). */
    public static void kill(int pid, int signal) throws LinuxException {
        try {
            Syscalls.libc().kill(pid, signal);
        } catch (LastErrorException e) {
            throw error("kill " + pid + " signal " + signal, e);
        }
    }

    /** Whether a process with this pid exists (kill with signal 0; EPERM still means it exists). */
    public static boolean isAlive(int pid) {
        try {
            Syscalls.libc().kill(pid, 0);
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() == Errno.EPERM;
        }
    }
}
