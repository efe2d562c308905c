package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

/** Checks that no process (conmon, runc, crun, a container) refers to a test's directory any more. */
final class Processes {
    private Processes() {
    }

    static void assertNoneMention(Path dir) throws InterruptedException {
        String needle = dir.toString();
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        left.forEach(l -> ProcessHandle.of(Long.parseLong(l.split(" ")[0])).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), left, "processes left behind");
    }
}
