package io.wharf.testkit.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A minimal root file system: the static busybox from the host with a symlink per applet. */
public final class BusyboxRootfs {
    public static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private BusyboxRootfs() {
    }

    /** Builds the root file system in {@code dir} and returns it. */
    public static Path create(Path dir) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir);
        for (String d : List.of("bin", "etc", "proc", "sys", "dev", "tmp", "root", "usr/bin", "sbin")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(BUSYBOX, root.resolve("bin/busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        String applets = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.writeString(root.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\ntty:x:5:\nnogroup:x:65534:\n");
        Files.writeString(root.resolve("etc/nsswitch.conf"), "hosts: files dns\n");
        return root;
    }
}
