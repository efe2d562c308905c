package io.wharf.runtime.oci.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Facts about host processes, from {@code /proc}, that hold for processes we did not start ourselves. */
final class Processes {
    private Processes() {
    }

    /** The PID in a pid file; empty when the file is absent, empty or garbled. */
    static OptionalInt readPid(Path pidFile) {
        try {
            String s = Files.readString(pidFile).strip();
            return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The parent of {@code pid}, from its stat line; empty when the process is gone. */
    static OptionalInt parent(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // pid (comm) state ppid ...: the command may hold spaces and parentheses, the last ')' ends it
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return OptionalInt.of(Integer.parseInt(rest[1]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether {@code pid} runs (a zombie does not count) and its command line contains {@code marker}, which
     * guards against a recycled PID after a restart.
     */
    static boolean alive(int pid, String marker) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                return false;
            }
            if (marker == null) {
                return true;
            }
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
