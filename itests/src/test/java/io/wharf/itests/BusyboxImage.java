package io.wharf.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A busybox image built from the host's static busybox, without any registry: a root file system with
 * {@code /bin/busybox} and its applet links, {@code /etc/passwd}, {@code /etc/group} and
 * {@code /etc/nsswitch.conf}, packed as a layer tar and as a {@code docker save} archive that
 * {@code docker load} accepts. Tests of containers load it with {@link #load}.
 */
public final class BusyboxImage {
    public static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "true", "false", "sleep", "env", "id",
            "hostname", "ps", "mkdir", "rm", "touch", "wc", "grep", "head", "tail", "date", "uname", "ip",
            "ping", "wget", "nc", "mount", "df", "top", "kill", "test", "[", "printf", "stat", "chmod", "chown",
            "ln", "cp", "mv", "find", "sed", "awk", "tr", "seq", "sort", "uniq", "dd", "yes", "nslookup", "whoami");

    private BusyboxImage() {
    }

    /** Writes the root file system as an uncompressed layer tar (owned by root) to {@code tar}. */
    public static Path rootfsTar(Path work, Path tar) throws IOException, InterruptedException {
        Path root = Files.createDirectories(work.resolve("busybox-rootfs-" + System.nanoTime()));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        bin.resolve("busybox").toFile().setExecutable(true, false);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
        Files.createDirectories(root.resolve("root"));
        Files.createDirectories(root.resolve("tmp"));
        run("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", root.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    /**
     * Writes a {@code docker save} archive of the image tagged {@code repoTag}, with {@code PATH} and
     * {@code CMD ["sh"]} in its config, and returns the image ID it loads as.
     */
    public static String saveArchive(Path work, String repoTag, Path archive) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("busybox-save-" + System.nanoTime()));
        Path layer = rootfsTar(work, dir.resolve("layer.tar"));
        return archiveOf(dir, layer, repoTag, archive);
    }

    /** A {@code docker save} archive of one layer tar (whatever it holds) with a busybox-like config. */
    public static String archiveOf(Path dir, Path layer, String repoTag, Path archive)
            throws IOException, InterruptedException {
        String diffId = sha256(Files.readAllBytes(layer));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + Instant.now() + "\","
                + "\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],"
                + "\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                + "\"history\":[{\"created\":\"" + Instant.now() + "\",\"created_by\":\"wharf test busybox\"}]}";
        String configId = sha256(config.getBytes(StandardCharsets.UTF_8));
        String configName = configId.substring(7) + ".json";
        Files.writeString(dir.resolve(configName), config);
        Path layerDir = Files.createDirectories(dir.resolve(diffId.substring(7)));
        Files.move(layer, layerDir.resolve("layer.tar"));
        String tags = repoTag == null ? "[]" : "[\"" + repoTag + "\"]";
        Files.writeString(dir.resolve("manifest.json"), "[{\"Config\":\"" + configName + "\",\"RepoTags\":" + tags
                + ",\"Layers\":[\"" + diffId.substring(7) + "/layer.tar\"]}]");
        run("tar", "-C", dir.toString(), "-cf", archive.toString(), "manifest.json", configName,
                diffId.substring(7) + "/layer.tar");
        return configId;
    }

    /** Loads the busybox image into a daemon as {@code repoTag} and returns its ID. */
    public static String load(WharfDaemon daemon, String repoTag) throws IOException, InterruptedException {
        Path archive = daemon.dir().resolve("busybox-" + System.nanoTime() + ".tar");
        String id = saveArchive(daemon.dir(), repoTag, archive);
        WharfDaemon.Result r = daemon.docker("load", "-i", archive.toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("docker load of busybox failed: " + r.all());
        }
        return id;
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
