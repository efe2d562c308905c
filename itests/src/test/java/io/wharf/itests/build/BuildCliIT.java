package io.wharf.itests.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code DOCKER_BUILDKIT=0 docker build} against the built daemon: steps and their output, layers and history,
 * the cache, failures, COPY/ADD with the context's rules, multi-stage builds, build args and every instruction.
 * One daemon serves the class; no test may leave a container behind.
 */
@Timeout(300)
class BuildCliIT {
    static WharfDaemon daemon;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        daemon = WharfDaemon.start();
        BusyboxImage.load(daemon, "busybox:latest");
        work = Files.createDirectories(daemon.dir().resolve("contexts"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void noContainerLeft() throws Exception {
        WharfDaemon.Result ps = daemon.docker("ps", "-aq");
        for (String id : ps.stdout().split("\\s+")) {
            if (!id.isBlank()) {
                daemon.docker("rm", "-f", id);
            }
        }
        assertEquals("", ps.stdout().strip(), "a build left intermediate containers");
    }

    static Path context(String name, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    static Map<String, String> files(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            m.put(pairs[k], pairs[k + 1]);
        }
        return m;
    }

    static WharfDaemon.Result build(Path dir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("build"));
        all.addAll(List.of(args));
        all.add(dir.toString());
        return daemon.docker(all.toArray(String[]::new));
    }

    static String ok(WharfDaemon.Result r) {
        assertEquals(0, r.exitCode(), r.all());
        return r.stdout();
    }

    static final String BENCH = """
            FROM busybox
            RUN echo bench >/etc/bench-marker
            COPY hello.txt /opt/hello.txt
            RUN i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i + 1)); done >/opt/lines.txt
            ENV BENCH=1
            WORKDIR /opt
            CMD ["cat", "/opt/hello.txt"]
            """;

    @Test
    void buildsStepByStepWithHistoryAndCache() throws Exception {
        Path dir = context("bench", Map.of("Dockerfile", BENCH, "hello.txt", "hello from the context\n"));
        String out = ok(build(dir, "-t", "bench:1", "-t", "bench:2"));
        assertTrue(out.contains("Step 1/7 : FROM busybox"), out);
        assertTrue(out.contains("Step 4/7 : RUN i=0;"), out);
        assertTrue(out.contains(" ---> Running in "), out);
        assertTrue(out.contains("Successfully built "), out);
        assertTrue(out.contains("Successfully tagged bench:1"), out);
        assertTrue(out.contains("Successfully tagged bench:2"), out);
        assertFalse(out.contains("Using cache"), out);

        assertEquals("hello from the context\n", ok(daemon.docker("run", "--rm", "bench:1")));
        assertEquals("bench\n200\n", ok(daemon.docker("run", "--rm", "bench:1", "sh", "-c",
                "cat /etc/bench-marker; wc -l < lines.txt")));
        assertEquals("/opt BENCH=1", ok(daemon.docker("image", "inspect", "-f",
                "{{.Config.WorkingDir}} {{index .Config.Env 1}}", "bench:1")).strip());

        // the history: every step, newest first; metadata-only steps add no bytes
        String history = ok(daemon.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}",
                "bench:1"));
        // each step's image is local, so each line names it
        String ids = ok(daemon.docker("history", "-q", "bench:1"));
        assertFalse(ids.lines().limit(7).anyMatch(l -> l.contains("missing")), ids);
        List<String> lines = history.strip().lines().toList();
        assertTrue(lines.size() >= 7, history);
        assertTrue(lines.get(0).startsWith("/bin/sh -c #(nop)  CMD [\"cat\" \"/opt/hello.txt\"]|0B"), history);
        assertTrue(lines.get(1).startsWith("/bin/sh -c #(nop) WORKDIR /opt|0B"), history);
        assertTrue(lines.get(2).startsWith("/bin/sh -c #(nop)  ENV BENCH=1|0B"), history);
        assertTrue(lines.get(4).startsWith("/bin/sh -c #(nop) COPY file:"), history);
        assertFalse(lines.get(4).endsWith("|0B"), history);
        assertTrue(lines.get(5).startsWith("/bin/sh -c echo bench >/etc/bench-marker|"), history);

        // an unchanged context: every step from the cache, the same image
        String id = ok(daemon.docker("image", "inspect", "-f", "{{.Id}}", "bench:1")).strip();
        String again = ok(build(dir, "-t", "bench:1"));
        assertEquals(6, again.split("Using cache", -1).length - 1, again);
        assertFalse(again.contains("Running in"), again);
        assertEquals(id, ok(daemon.docker("image", "inspect", "-f", "{{.Id}}", "bench:1")).strip());

        // touching the file changes nothing; changing it misses from the COPY on
        Files.setLastModifiedTime(dir.resolve("hello.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(6, ok(build(dir)).split("Using cache", -1).length - 1);
        Files.writeString(dir.resolve("hello.txt"), "changed\n");
        String changed = ok(build(dir, "-t", "bench:1"));
        assertEquals(1, changed.split("Using cache", -1).length - 1, changed);
        assertEquals("changed\n", ok(daemon.docker("run", "--rm", "bench:1")));

        String nocache = ok(build(dir, "--no-cache"));
        assertFalse(nocache.contains("Using cache"), nocache);

        // --cache-from: with the cache pruned, an image's own history lends its steps
        ok(daemon.docker("builder", "prune", "-f"));
        String restored = ok(build(dir, "--cache-from", "bench:1", "-t", "bench:restored"));
        assertEquals(6, restored.split("Using cache", -1).length - 1, restored);
        assertEquals("changed\n", ok(daemon.docker("run", "--rm", "bench:restored")));
        assertEquals(ok(daemon.docker("history", "-q", "--no-trunc", "bench:1")).lines().count(),
                ok(daemon.docker("history", "-q", "--no-trunc", "bench:restored")).lines().count());

        // quiet: only the image ID
        String quiet = ok(build(dir, "-q")).strip();
        assertTrue(quiet.matches("sha256:[0-9a-f]{64}"), quiet);
    }

    @Test
    void removingABuiltImageTakesItsIntermediateImagesUnlessNoPrune() throws Exception {
        String dockerfile = "FROM busybox\nRUN echo prune-%s >/p\nENV P=%s\n";
        Path dir = context("prune-a", Map.of("Dockerfile", String.format(dockerfile, "a", "a")));
        String before = ok(daemon.docker("images", "-aq", "--no-trunc"));
        ok(build(dir, "-t", "prune:a"));
        assertEquals(before.lines().count() + 2, ok(daemon.docker("images", "-aq", "--no-trunc")).lines().count(),
                "the RUN step's image and the final one");
        String removed = ok(daemon.docker("rmi", "prune:a"));
        assertEquals(2, removed.lines().filter(l -> l.startsWith("Deleted: ")).count(), removed);
        assertEquals(before, ok(daemon.docker("images", "-aq", "--no-trunc")));

        Path dir2 = context("prune-b", Map.of("Dockerfile", String.format(dockerfile, "b", "b")));
        ok(build(dir2, "-t", "prune:b"));
        String kept = ok(daemon.docker("rmi", "--no-prune", "prune:b"));
        assertEquals(1, kept.lines().filter(l -> l.startsWith("Deleted: ")).count(), kept);
        List<String> left = new ArrayList<>(ok(daemon.docker("images", "-aq", "--no-trunc")).lines().toList());
        left.removeAll(before.lines().toList());
        assertEquals(1, left.size(), "--no-prune keeps the RUN step's image: " + left);
        ok(daemon.docker("image", "prune", "-f"));
        assertFalse(ok(daemon.docker("images", "-aq", "--no-trunc")).contains(left.get(0)),
                "image prune takes the leftover parent");
    }

    @Test
    void aFailingStepFailsTheBuildAndLeavesNothing() throws Exception {
        Path dir = context("fail", Map.of("Dockerfile", "FROM busybox\nRUN echo before-the-failure\nRUN exit 3\n"));
        WharfDaemon.Result r = build(dir, "-t", "failed:1");
        assertEquals(3, r.exitCode(), r.all());
        assertTrue(r.all().contains("The command '/bin/sh -c exit 3' returned a non-zero code: 3"), r.all());
        assertTrue(r.stdout().contains("before-the-failure"), r.all());
        assertNotEquals(0, daemon.docker("image", "inspect", "failed:1").exitCode());

        // bad input: the line is named; an unknown instruction, a missing stage, no FROM
        WharfDaemon.Result unknown = build(context("unknown", Map.of("Dockerfile", "FROM busybox\nFOO bar\n")));
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.all().contains("line 2: unknown instruction: FOO"), unknown.all());
        WharfDaemon.Result target = build(context("target", Map.of("Dockerfile", "FROM busybox AS a\n")),
                "--target", "nope");
        assertTrue(target.all().contains("failed to reach build target nope"), target.all());
        WharfDaemon.Result noFrom = build(context("nofrom", Map.of("Dockerfile", "RUN true\n")));
        assertNotEquals(0, noFrom.exitCode());
        assertTrue(noFrom.all().contains("no build stage"), noFrom.all());
    }

    @Test
    void copiesWithDockersRulesAndIgnoresWhatDockerignoreSays() throws Exception {
        Path dir = context("copy", files(
                "Dockerfile", """
                        FROM busybox
                        WORKDIR /app
                        COPY a.txt .
                        COPY src /app/src
                        COPY *.md /docs/
                        COPY --chown=nobody:nogroup --chmod=640 a.txt /owned/a.txt
                        COPY ["a.txt", "b.txt", "/both/"]
                        COPY . /all/
                        COPY --chown=nobody:nogroup src /etc/
                        COPY --chown=nobody:nogroup a.txt /made/
                        RUN [ "$(stat -c %u /etc)" = 0 ] && [ "$(stat -c %u /etc/x.c)" = 65534 ] \\
                            && [ "$(stat -c %u:%g /made /made/a.txt)" = "$(printf '65534:65534\\n65534:65534')" ]
                        RUN test -f /app/a.txt && test -f /app/src/x.c && test -f /app/src/sub/y.c \\
                            && test -f /docs/one.md && test -f /docs/two.md && test ! -e /docs/a.txt \\
                            && test -f /both/a.txt && test -f /both/b.txt \\
                            && test ! -e /all/secret.key && test ! -e /all/logs && test -f /all/logs-keep.txt \\
                            && test ! -e /all/src/sub/y.o && test -f /all/src/sub/y.c \\
                            && [ "$(stat -c '%u:%g %a' /owned/a.txt)" = "65534:65534 640" ]
                        """,
                "a.txt", "A\n", "b.txt", "B\n", "one.md", "1\n", "two.md", "2\n", "secret.key", "s\n",
                "src/x.c", "x\n", "src/sub/y.c", "y\n", "src/sub/y.o", "o\n", "logs/today.log", "l\n",
                ".dockerignore", "secret.key\nlogs\n**/*.o\n"));
        Files.writeString(dir.resolve("logs-keep.txt"), "k\n");
        ok(build(dir, "-t", "copy:1"));
        // multiple sources need a directory destination
        WharfDaemon.Result bad = build(context("copy-bad", Map.of("Dockerfile",
                "FROM busybox\nCOPY a b /x\n", "a", "a", "b", "b")));
        assertTrue(bad.all().contains("the destination must be a directory and end with a /"), bad.all());
    }

    @Test
    void aHostileContextCannotReachOutside() throws Exception {
        Path outside = Files.writeString(work.resolve("outside-secret"), "host secret\n");
        Path dir = context("hostile", Map.of("Dockerfile", "FROM busybox\nCOPY ../outside-secret /x\n"));
        WharfDaemon.Result climb = build(dir);
        assertNotEquals(0, climb.exitCode(), climb.all());
        assertTrue(climb.all().contains("forbidden path outside the build context"), climb.all());

        // a symlink pointing out is resolved inside the context: the host file is never read
        Path links = context("hostile-links", Map.of("Dockerfile", "FROM busybox\nCOPY link /x\n"));
        Files.createSymbolicLink(links.resolve("link"), outside);
        WharfDaemon.Result viaLink = build(links, "-t", "hostile:1");
        assertNotEquals(0, viaLink.exitCode(), viaLink.all());
        assertFalse(viaLink.all().contains("host secret"), viaLink.all());
        Path relative = context("hostile-rel", Map.of("Dockerfile", "FROM busybox\nCOPY dir/ /x/\n"));
        Files.createDirectories(relative.resolve("dir"));
        Files.createSymbolicLink(relative.resolve("dir/up"), Path.of("../../outside-secret"));
        // a link that climbs out is copied as a link or refused, never followed on the host
        WharfDaemon.Result rel = build(relative, "-t", "hostile:2");
        assertFalse(rel.all().contains("host secret"), rel.all());
        if (rel.exitCode() == 0) {
            WharfDaemon.Result cat = daemon.docker("run", "--rm", "hostile:2", "cat", "/x/up");
            assertFalse(cat.stdout().contains("host secret"), cat.all());
        }
        assertEquals("host secret\n", Files.readString(outside));
    }

    @Test
    void multiStageWithTargetBuildArgsAndCopyFrom() throws Exception {
        Path dir = context("multi", Map.of("Dockerfile", """
                ARG BASE=busybox
                FROM ${BASE} AS builder
                ARG GREETING=hi
                ARG UNSET
                ENV WHO=world
                RUN echo "$GREETING ${WHO}" > /greeting && echo "${UNSET:-unset}" > /unset
                LABEL stage=builder
                WORKDIR /made/here
                FROM busybox AS final
                COPY --from=builder /greeting /copied
                COPY --from=builder /made /made
                COPY --from=0 /unset /unset
                ENV A=1 B="two words" C=${A}x
                RUN test "$B" = "two words"
                FROM final AS extra
                RUN touch /extra
                """));
        // UNSET is given without a value and the CLI's environment has none: the ARG stays unset
        ok(build(dir, "-t", "multi:final", "--target", "final", "--build-arg", "GREETING=hello",
                "--build-arg", "NOTUSED=1", "--build-arg", "UNSET"));
        assertEquals("hello world\nunset\n", ok(daemon.docker("run", "--rm", "multi:final", "cat", "/copied",
                "/unset")));
        assertNotEquals(0, daemon.docker("run", "--rm", "multi:final", "test", "-e", "/extra").exitCode());
        ok(daemon.docker("run", "--rm", "multi:final", "test", "-d", "/made/here")); // WORKDIR made it
        assertEquals("[A=1 B=two words C=x]", ok(daemon.docker("image", "inspect", "-f", "{{slice .Config.Env 1}}",
                "multi:final")).strip());
        String labels = ok(daemon.docker("image", "inspect", "-f", "{{.Config.Labels}}", "multi:final")).strip();
        assertFalse(labels.contains("builder"), labels);
    }

    @Test
    void everyInstructionReachesTheImage() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/remote.txt", ex -> {
            byte[] body = "fetched over http\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Path dir = context("all", Map.of("Dockerfile", """
                    # syntax=docker/dockerfile:1
                    # escape=\\
                    FROM busybox
                    MAINTAINER someone@example.com
                    LABEL org.example.a="1" b=two
                    EXPOSE 80 53/udp
                    ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                    ADD http://127.0.0.1:%d/files/remote.txt /remote/
                    ADD archive.tar.gz /unpacked/
                    SHELL ["/bin/sh", "-e", "-c"]
                    RUN echo shell-form \\
                        continued > /cont
                    RUN ["sh", "-c", "echo exec-form > /exec"]
                    VOLUME /data
                    USER nobody
                    STOPSIGNAL SIGUSR1
                    HEALTHCHECK --interval=5s --retries=2 CMD ["true"]
                    ONBUILD ENV TRIGGERED=yes
                    ENTRYPOINT ["sh", "-c"]
                    CMD ["cat /remote/remote.txt /unpacked/inner/file.txt /cont /exec"]
                    """.formatted(port)));
            Path src = Files.createDirectories(work.resolve("archive-src/inner"));
            Files.writeString(src.resolve("file.txt"), "from the tarball\n");
            Process tar = new ProcessBuilder("tar", "-czf", dir.resolve("archive.tar.gz").toString(), "-C",
                    src.getParent().toString(), "inner").inheritIO().start();
            assertTrue(tar.waitFor(30, TimeUnit.SECONDS));
            ok(build(dir, "-t", "all:1"));
            assertEquals("fetched over http\nfrom the tarball\nshell-form continued\nexec-form\n",
                    ok(daemon.docker("run", "--rm", "-u", "root", "all:1")));
            String f = ok(daemon.docker("image", "inspect", "-f", "{{.Author}}|{{.Config.User}}|{{.Config.StopSignal}}"
                    + "|{{json .Config.ExposedPorts}}|{{json .Config.Volumes}}|{{json .Config.Healthcheck.Test}}"
                    + "|{{.Config.Healthcheck.Retries}}|{{json .Config.OnBuild}}|{{json .Config.Shell}}"
                    + "|{{index .Config.Labels \"org.example.a\"}}", "all:1")).strip();
            assertEquals("someone@example.com|nobody|SIGUSR1|{\"53/udp\":{},\"80/tcp\":{}}|{\"/data\":{}}"
                    + "|[\"CMD\",\"true\"]|2|[\"ENV TRIGGERED=yes\"]|[\"/bin/sh\",\"-e\",\"-c\"]|1",
                    f);

            // ONBUILD fires in the next build that starts FROM it
            Path child = context("child", Map.of("Dockerfile", "FROM all:1\nUSER root\n"));
            String out = ok(build(child, "-t", "child:1"));
            assertTrue(out.contains("# Executing 1 build trigger"), out);
            assertTrue(ok(daemon.docker("image", "inspect", "-f", "{{.Config.Env}}", "child:1")).contains(
                    "TRIGGERED=yes"));
            assertEquals("[]", ok(daemon.docker("image", "inspect", "-f", "{{json .Config.OnBuild}}", "child:1"))
                    .strip().replace("null", "[]"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBaseImageFromScratchAndARootFileSystemTarball() throws Exception {
        Path dir = context("scratch", Map.of("Dockerfile", "FROM scratch\nADD rootfs.tar /\nCMD [\"sh\"]\n"));
        BusyboxImage.rootfsTar(work, dir.resolve("rootfs.tar"));
        ok(build(dir, "-t", "mybase:1"));
        assertEquals("from scratch\n", ok(daemon.docker("run", "--rm", "mybase:1", "sh", "-c", "echo from scratch")));
        String history = ok(daemon.docker("history", "--format", "{{.CreatedBy}}", "--no-trunc", "mybase:1"));
        assertEquals(2, history.strip().lines().count(), history);
    }

    @Test
    void compressedContextsFromStdin() throws Exception {
        Path dir = context("stdin", Map.of("Dockerfile", "FROM busybox\nCOPY f /f\n", "f", "compressed\n"));
        for (String[] c : List.of(new String[] {"gzip", "-czf"}, new String[] {"bzip2", "-cjf"},
                new String[] {"xz", "-cJf"})) {
            Path archive = work.resolve("ctx." + c[0]);
            Process tar = new ProcessBuilder("tar", c[1], archive.toString(), "-C", dir.toString(), ".")
                    .inheritIO().start();
            assertTrue(tar.waitFor(30, TimeUnit.SECONDS));
            WharfDaemon.Result r = dockerWithInput(archive, "build", "-t", "stdin:" + c[0], "-");
            assertEquals(0, r.exitCode(), c[0] + ": " + r.all());
            assertEquals("compressed\n", ok(daemon.docker("run", "--rm", "stdin:" + c[0], "cat", "/f")));
        }
    }

    @Test
    void dockerComposeBuildsThroughTheSameApi() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(compose),
                "docker-compose is installed by scripts/host-setup.sh");
        Path dir = context("compose", Map.of(
                "docker-compose.yml", """
                        version: "3"
                        services:
                          web:
                            build:
                              context: ./app
                              args:
                                GREETING: from-compose
                            image: composed:1
                        """,
                "app/Dockerfile", "FROM busybox\nARG GREETING\nRUN echo $GREETING > /greeting\n"));
        ProcessBuilder pb = new ProcessBuilder(compose.toString(), "build").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("compose.log").toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket());
        pb.environment().put("COMPOSE_DOCKER_CLI_BUILD", "0");
        pb.environment().put("DOCKER_BUILDKIT", "0");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker-compose build did not finish within 120 s");
        }
        String log = Files.readString(work.resolve("compose.log"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("Successfully tagged composed:1"), log);
        assertEquals("from-compose\n", ok(daemon.docker("run", "--rm", "composed:1", "cat", "/greeting")));
    }

    /** The CLI with a file as its standard input (for {@code docker build -}). */
    static WharfDaemon.Result dockerWithInput(Path input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(WharfDaemon.DOCKER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(input.toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket());
        pb.environment().put("DOCKER_BUILDKIT", "0");
        pb.environment().put("DOCKER_CONFIG", daemon.dir().resolve("docker-config").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new WharfDaemon.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
