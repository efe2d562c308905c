package io.wharf.itests.images;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code docker save} archive of an image with one layer per directory given, bottom first. */
final class MultiLayerArchive {
    private MultiLayerArchive() {
    }

    static Path write(Path work, List<Path> trees, String repoTag, Path archive) throws Exception {
        Path dir = Files.createDirectories(work.resolve("archive-" + System.nanoTime()));
        List<String> diffIds = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (Path tree : trees) {
            Path tar = dir.resolve("layer.tmp");
            run("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", tree.toString(), "-cf", tar.toString(), ".");
            String diffId = sha256(tar);
            diffIds.add(diffId);
            String member = diffId.substring(7) + "/layer.tar";
            Files.createDirectories(dir.resolve(diffId.substring(7)));
            Files.move(tar, dir.resolve(member));
            members.add(member);
        }
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < trees.size(); i++) {
            history.append(i == 0 ? "" : ",").append("{\"created\":\"").append(Instant.now())
                    .append("\",\"created_by\":\"layer ").append(i).append("\"}");
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + Instant.now() + "\","
                + "\"config\":{\"Env\":[\"PATH=/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + String.join("\",\"", diffIds) + "\"]},\"history\":[" + history + "]}";
        String configName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(config.getBytes(StandardCharsets.UTF_8))) + ".json";
        Files.writeString(dir.resolve(configName), config);
        Files.writeString(dir.resolve("manifest.json"), "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\""
                + repoTag + "\"],\"Layers\":[\"" + String.join("\",\"", members) + "\"]}]");
        List<String> cmd = new ArrayList<>(List.of("tar", "-C", dir.toString(), "-cf", archive.toString(),
                "manifest.json", configName));
        cmd.addAll(members);
        run(cmd.toArray(String[]::new));
        return archive;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
