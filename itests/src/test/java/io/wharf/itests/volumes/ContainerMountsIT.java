package io.wharf.itests.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.UnixHttp;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Volumes, bind mounts and tmpfs inside containers with the real docker CLI: {@code -v}, {@code --mount},
 * {@code --tmpfs}, {@code --volumes-from}, copy of image content, {@code rm -v}, volumes in use, prune, and the
 * input dockerd refuses. One daemon for the class; every test removes its containers and volumes.
 */
@Timeout(300)
class ContainerMountsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static WharfDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-mounts-e2e");
        daemon = WharfDaemon.startIn(dir);
        BusyboxImage.load(daemon, "busybox:latest");
        // an image with content under a VOLUME, made with the CLI as a user would
        ok("run", "--name", "seed", "busybox", "sh", "-c", "mkdir -p /data && echo from-image > /data/seed.txt");
        ok("commit", "--change", "VOLUME /data", "seed", "seeded:1");
        ok("rm", "-v", "seed");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void removeContainersAndVolumes() throws Exception {
        for (String id : lines(ok("ps", "-aq"))) {
            ok("rm", "-f", "-v", id);
        }
        for (String v : lines(ok("volume", "ls", "-q"))) {
            ok("volume", "rm", "-f", v);
        }
    }

    private static String ok(String... args) throws Exception {
        return daemon.ok(args);
    }

    private static WharfDaemon.Result fails(String... args) throws Exception {
        return daemon.fails(args);
    }

    private static List<String> lines(String out) {
        return WharfDaemon.lines(out);
    }

    private static JsonNode mounts(String container) throws Exception {
        return JSON.readTree(ok("inspect", "-f", "{{json .Mounts}}", container));
    }

    /** Mount points under the daemon's directory, as the kernel lists them. */
    private static List<Path> mountsUnderDaemon() throws Exception {
        return daemon.mounts();
    }

    @Test
    void aNamedVolumeIsSharedBetweenContainersAndOutlivesTheDaemon() throws Exception {
        ok("run", "--rm", "-v", "notes:/notes", "busybox", "sh", "-c", "echo kept > /notes/file");
        assertEquals("kept\n", ok("run", "--rm", "-v", "notes:/n:ro", "busybox", "cat", "/n/file"));
        WharfDaemon.Result ro = fails("run", "--rm", "-v", "notes:/n:ro", "busybox", "sh", "-c", "echo x > /n/file");
        assertTrue(ro.stderr().contains("Read-only file system"), ro.all());

        assertEquals(0, daemon.stop());
        daemon = WharfDaemon.startIn(dir);
        assertEquals("kept\n", ok("run", "--rm", "--mount", "type=volume,src=notes,dst=/notes", "busybox",
                "cat", "/notes/file"));
        JsonNode v = JSON.readTree(ok("volume", "inspect", "notes")).get(0);
        assertTrue(Files.isRegularFile(Path.of(v.get("Mountpoint").asText()).resolve("file")));
    }

    @Test
    void bindMountsReadWriteAndReadOnly() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host-share"));
        Files.writeString(host.resolve("in.txt"), "from host\n");
        ok("run", "--rm", "-v", host + ":/share", "busybox", "sh", "-c", "cat /share/in.txt > /share/out.txt");
        assertEquals("from host\n", Files.readString(host.resolve("out.txt")));
        WharfDaemon.Result ro = fails("run", "--rm", "--mount", "type=bind,src=" + host + ",dst=/share,readonly",
                "busybox", "sh", "-c", "echo x > /share/in.txt");
        assertTrue(ro.stderr().contains("Read-only file system"), ro.all());
        assertEquals("from host\n", Files.readString(host.resolve("in.txt")));

        // -v makes a missing host directory, --mount refuses it with dockerd's words
        Path missing = dir.resolve("made-by-v/sub");
        ok("run", "--rm", "-v", missing + ":/m:rslave", "busybox", "touch", "/m/x");
        assertTrue(Files.isRegularFile(missing.resolve("x")));
        Path absent = dir.resolve("absent");
        WharfDaemon.Result refused = fails("run", "--rm", "--mount", "type=bind,src=" + absent + ",dst=/m",
                "busybox", "true");
        assertTrue(refused.stderr().contains("invalid mount config for type \"bind\": bind source path does not "
                + "exist: " + absent), refused.all());
        assertFalse(Files.exists(absent));

        ok("create", "--name", "binder", "-v", host + ":/share:ro", "--mount",
                "type=bind,src=" + host + ",dst=/again,bind-propagation=rshared", "busybox", "true");
        JsonNode m = mounts("binder");
        assertEquals(2, m.size(), m.toString());
        for (JsonNode p : m) {
            assertEquals("bind", p.get("Type").asText());
            assertEquals(host.toString(), p.get("Source").asText());
            boolean share = p.get("Destination").asText().equals("/share");
            assertEquals(!share, p.get("RW").asBoolean());
            assertEquals(share ? "ro" : "", p.get("Mode").asText());
            assertEquals(share ? "rprivate" : "rshared", p.get("Propagation").asText());
        }
    }

    @Test
    void tmpfsHasItsSizeLimitAndMode() throws Exception {
        WharfDaemon.Result full = fails("run", "--rm", "--tmpfs", "/scratch:size=1m", "busybox", "dd",
                "if=/dev/zero", "of=/scratch/big", "bs=1024", "count=2048");
        assertTrue(full.stderr().contains("No space left on device"), full.all());
        assertEquals("1770\n", ok("run", "--rm", "--mount", "type=tmpfs,dst=/t,tmpfs-size=65536,tmpfs-mode=1770",
                "busybox", "stat", "-c", "%a", "/t"));
        assertEquals("ok\n", ok("run", "--rm", "--tmpfs", "/x:exec", "busybox", "sh", "-c",
                "cp /bin/busybox /x/echo && /x/echo ok"));
    }

    @Test
    void imageContentIsCopiedIntoANewVolumeUnlessNocopy() throws Exception {
        assertEquals("from-image\n", ok("run", "--rm", "-v", "fresh:/data", "seeded:1", "cat", "/data/seed.txt"));
        // once the volume holds data, the image's content is not copied again
        ok("run", "--rm", "-v", "fresh:/data", "seeded:1", "sh", "-c", "rm /data/seed.txt && echo mine > /data/own");
        assertEquals("own\n", ok("run", "--rm", "-v", "fresh:/data", "seeded:1", "ls", "/data"));
        assertEquals("", ok("run", "--rm", "-v", "empty:/data:nocopy", "seeded:1", "ls", "/data"));
        assertEquals("", ok("run", "--rm", "--mount", "type=volume,src=empty2,dst=/data,volume-nocopy", "seeded:1",
                "ls", "/data"));

        // the image's VOLUME becomes an anonymous volume, filled from the image, removed by rm -v
        ok("run", "--name", "anon", "seeded:1", "cat", "/data/seed.txt");
        JsonNode m = mounts("anon").get(0);
        assertEquals("volume", m.get("Type").asText());
        assertEquals("/data", m.get("Destination").asText());
        assertEquals("local", m.get("Driver").asText());
        String name = m.get("Name").asText();
        assertEquals(64, name.length());
        assertTrue(Files.isRegularFile(Path.of(m.get("Source").asText()).resolve("seed.txt")), m.toString());
        ok("run", "--name", "anon2", "-v", "/extra", "busybox", "true");
        String extra = mounts("anon2").get(0).get("Name").asText();
        assertTrue(lines(ok("volume", "ls", "-q")).containsAll(List.of(name, extra)));
        ok("rm", "-v", "anon");
        ok("rm", "anon2");
        List<String> left = lines(ok("volume", "ls", "-q"));
        assertFalse(left.contains(name), left.toString());
        assertTrue(left.contains(extra), "rm without -v keeps the volume: " + left);
    }

    @Test
    void volumesFromSharesTheMountsReadOnlyOnRequest() throws Exception {
        Path host = Files.createDirectories(dir.resolve("from-host"));
        ok("run", "-d", "--name", "source", "-v", "shared:/shared", "-v", host + ":/h", "busybox", "sleep", "300");
        ok("exec", "source", "sh", "-c", "echo hello > /shared/f");
        assertEquals("hello\n", ok("run", "--rm", "--volumes-from", "source", "busybox", "cat", "/shared/f"));
        ok("run", "--rm", "--volumes-from", "source", "busybox", "touch", "/h/written");
        assertTrue(Files.exists(host.resolve("written")));
        WharfDaemon.Result ro = fails("run", "--rm", "--volumes-from", "source:ro", "busybox", "touch", "/shared/g");
        assertTrue(ro.stderr().contains("Read-only file system"), ro.all());

        ok("create", "--name", "reader", "--volumes-from", "source:ro", "busybox", "true");
        JsonNode m = mounts("reader");
        assertEquals(2, m.size(), m.toString());
        for (JsonNode p : m) {
            assertFalse(p.get("RW").asBoolean(), m.toString());
        }
        WharfDaemon.Result bad = fails("create", "--volumes-from", "source:z", "busybox", "true");
        assertTrue(bad.stderr().contains("invalid mode: z"), bad.all());
    }

    @Test
    void aVolumeInUseIsNotRemovedAndPruneTakesOnlyWhatItShould() throws Exception {
        String id = ok("create", "--name", "user", "-v", "busy:/b", "busybox", "true").strip();
        WharfDaemon.Result inUse = fails("volume", "rm", "busy");
        assertTrue(inUse.stderr().contains("remove busy: volume is in use - [" + id + "]"), inUse.all());

        ok("volume", "create", "idle");
        // system df counts the volumes and the containers using each
        assertEquals("Local Volumes 2 1", ok("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}")
                .lines().filter(l -> l.startsWith("Local Volumes")).findFirst().orElse(""));
        List<String> busyRow = ok("system", "df", "-v").lines().filter(l -> l.startsWith("busy "))
                .map(l -> Arrays.asList(l.trim().split("\\s+"))).findFirst().orElse(List.of());
        assertEquals("1", busyRow.size() > 1 ? busyRow.get(1) : "", busyRow.toString());
        ok("run", "--name", "gone", "-v", "/anon", "busybox", "true");
        String anon = mounts("gone").get(0).get("Name").asText();
        ok("rm", "gone");
        // an anonymous volume still used by a container is kept too
        ok("create", "--name", "holder", "-v", "/held", "busybox", "true");
        String held = mounts("holder").get(0).get("Name").asText();

        ok("volume", "prune", "-f");
        List<String> left = lines(ok("volume", "ls", "-q"));
        assertFalse(left.contains(anon), left.toString());
        assertTrue(left.containsAll(List.of("busy", "idle", held)), left.toString());

        ok("volume", "prune", "-af");
        left = lines(ok("volume", "ls", "-q"));
        assertEquals(List.of("busy", held).stream().sorted().toList(), left);

        ok("rm", "user");
        ok("volume", "rm", "busy");
    }

    @Test
    void badInputIsRefusedAndAFailedStartLeavesNothingMounted() throws Exception {
        WharfDaemon.Result rel = fails("run", "--rm", "--mount", "type=bind,src=relative/dir,dst=/x", "busybox",
                "true");
        assertTrue(rel.stderr().contains("invalid mount path: 'relative/dir' mount path must be absolute"),
                rel.all());
        WharfDaemon.Result name = fails("run", "--rm", "-v", "bad$name:/x", "busybox", "true");
        assertTrue(name.stderr().contains("includes invalid characters for a local volume name"), name.all());
        WharfDaemon.Result dup = fails("create", "-v", "va:/x", "-v", "vb:/x", "busybox", "true");
        assertTrue(dup.stderr().contains("Duplicate mount point: /x"), dup.all());

        // an unknown volume driver: 404 naming it (through the API: the CLI takes a 404 on create for a pull)
        UnixHttp.Response unknown = UnixHttp.request(daemon.socket(), "POST", "/containers/create",
                "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\","
                        + "\"Source\":\"v\",\"Target\":\"/x\",\"VolumeOptions\":{\"DriverConfig\":"
                        + "{\"Name\":\"nosuchdriver\"}}}]}}");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("error looking up volume plugin nosuchdriver: plugin \\\"nosuchdriver\\\""
                + " not found"), unknown.body());
        assertEquals(List.of(), lines(ok("volume", "ls", "-q")));

        // mounting over the kernel's /proc and /sys internals
        WharfDaemon.Result proc = fails("create", "-v", "pv:/proc/sys", "busybox", "true");
        assertTrue(proc.stderr().contains("\"/proc/sys\" cannot be mounted because it is inside /proc"), proc.all());
        WharfDaemon.Result sys = fails("run", "--rm", "--tmpfs", "/sys/kernel", "busybox", "true");
        assertTrue(sys.stderr().contains("cannot be mounted because it is inside /sys"), sys.all());

        // a start that fails after the volumes were mounted releases them and leaves nothing mounted
        ok("create", "--name", "nocmd", "-v", "pv:/x", "busybox", "no-such-command");
        WharfDaemon.Result start = fails("start", "nocmd");
        assertTrue(start.stderr().contains("no-such-command"), start.all());
        assertEquals(List.of(), mountsUnderDaemon());
        fails("run", "--rm", "-v", "pv:/x", "--tmpfs", "/t", "busybox", "no-such-command");
        assertEquals(List.of("nocmd"), lines(ok("ps", "-a", "--format", "{{.Names}}")),
                "--rm removes a container that failed to start");
        assertEquals(List.of(), mountsUnderDaemon());
        assertEquals("created", ok("inspect", "-f", "{{.State.Status}}", "nocmd").strip());
    }
}
