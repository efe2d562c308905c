package io.wharf.daemon.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.system.DiskUsage;
import io.wharf.api.volume.VolumeDetails;
import io.wharf.daemon.internal.RecordingEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineVolumeServiceTest {
    @TempDir
    Path dir;
    TestDrivers registry = new TestDrivers();
    RecordingEvents events = new RecordingEvents();
    DirectoryVolumeDriver local;
    EngineVolumeService service;

    @BeforeEach
    void setUp() throws Exception {
        local = new DirectoryVolumeDriver(dir.resolve("local-driver"));
        registry.volumeDrivers.put("local", local);
        service = new EngineVolumeService(dir.resolve("data"), registry, events);
    }

    private static Filters filter(String key, String... values) {
        return Filters.of(Map.of(key, List.of(values)));
    }

    private List<String> names(Filters f) {
        return service.list(f).stream().map(VolumeDetails::name).sorted().toList();
    }

    @Test
    void createdVolumeIsInspectedAndListedWithItsLabelsOptionsAndDriver() {
        VolumeDetails created = service.create("data1", null, Map.of("size", "1g"), Map.of("team", "a"));
        assertEquals("local", created.driver());
        assertEquals(dir.resolve("local-driver/data1").toString(), created.mountpoint());

        VolumeDetails v = service.inspect("data1");
        assertEquals("data1", v.name());
        assertEquals(Map.of("team", "a"), v.labels());
        assertEquals(Map.of("size", "1g"), v.options());
        assertEquals("local", v.scope());
        assertEquals("2024-01-02T03:04:05Z", v.createdAt());
        assertEquals(List.of("data1"), names(Filters.empty()));
        assertEquals(List.of("create"), events.actions("data1"));
        assertEquals("local", events.published.get(0).attributes().get("driver"));
    }

    @Test
    void aVolumeWithoutANameIsAnonymousWithA64HexName() {
        VolumeDetails v = service.create(null, "", Map.of(), Map.of("x", "y"));
        assertTrue(v.name().matches("[0-9a-f]{64}"), v.name());
        assertEquals(Map.of("x", "y", VolumeNames.ANONYMOUS_LABEL, ""), v.labels());
        assertTrue(Files.isDirectory(dir.resolve("local-driver").resolve(v.name())));
    }

    @Test
    void creatingAnExistingVolumeReturnsItButAnotherDriverConflicts() throws Exception {
        service.create("same", "local", Map.of(), Map.of("first", "1"));
        assertEquals(Map.of("first", "1"), service.create("same", "local", Map.of(), Map.of()).labels());
        registry.volumeDrivers.put("other", new DirectoryVolumeDriver(dir.resolve("other-driver")));
        ConflictException e = assertThrows(ConflictException.class,
                () -> service.create("same", "other", Map.of(), Map.of()));
        assertEquals("create same: driver 'local' already has volume 'same': volume name must be unique",
                e.getMessage());
    }

    @Test
    void anUnknownDriverIsNotFoundAndNamed() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> service.create("v1", "nosuch", Map.of(), Map.of()));
        assertEquals("create v1: error looking up volume plugin nosuch: plugin \"nosuch\" not found", e.getMessage());
        assertEquals(List.of(), names(Filters.empty()));
        assertThrows(NotFoundException.class, () -> service.create("v", "nosuch", Map.of(), Map.of()),
                "the driver is looked up before the name rule");
    }

    @Test
    void illegalNamesAreRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> service.create("bad/name", null, Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("create bad/name: \"bad/name\" includes invalid characters"),
                e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> service.create("x", null, Map.of(), Map.of()));
        assertThrows(InvalidArgumentException.class, () -> service.create("../up", null, Map.of(), Map.of()));
    }

    @Test
    void unknownVolumesAreNotFoundInDockerdsWords() {
        assertEquals("get nope: no such volume",
                assertThrows(NotFoundException.class, () -> service.inspect("nope")).getMessage());
        assertEquals("get nope: no such volume",
                assertThrows(NotFoundException.class, () -> service.remove("nope", false)).getMessage());
        service.remove("nope", true); // forcing is quiet about what does not exist
    }

    @Test
    void aVolumeInUseIsNotRemovedWithoutForce() {
        service.create("busy", null, Map.of(), Map.of());
        service.reference("busy", "c2");
        service.reference("busy", "c1");
        ConflictException e = assertThrows(ConflictException.class, () -> service.remove("busy", false));
        assertEquals("remove busy: volume is in use - [c1, c2]", e.getMessage());

        service.release("busy", "c1");
        service.release("busy", "c2");
        service.remove("busy", false);
        assertFalse(Files.exists(dir.resolve("local-driver/busy")));
        assertEquals(List.of("create", "destroy"), events.actions("busy"));
    }

    @Test
    void forceRemovesAReferencedVolume() {
        service.create("forced", null, Map.of(), Map.of());
        service.reference("forced", "c1");
        service.remove("forced", true);
        assertEquals(List.of(), names(Filters.empty()));
        assertEquals(List.of(), service.users("forced"));
    }

    @Test
    void mountReferencesAndUnmountReleasesTheDriversMount() {
        service.create("m1", null, Map.of(), Map.of());
        Path p = service.mount("m1", "c1", "/data", true);
        assertEquals(dir.resolve("local-driver/m1"), p);
        assertTrue(local.isMounted("m1"));
        assertEquals(List.of("c1"), service.users("m1"));
        service.unmount("m1", "c1");
        assertFalse(local.isMounted("m1"));
        assertEquals(List.of("c1"), service.users("m1"), "the container still references it until removed");
        assertEquals(List.of("create", "mount", "unmount"), events.actions("m1"));
        assertEquals("/data", events.published.get(1).attributes().get("destination"));
        assertEquals("c1", events.published.get(2).attributes().get("container"));
    }

    @Test
    void listFiltersByNameDriverLabelAndDangling() throws Exception {
        registry.volumeDrivers.put("other", new DirectoryVolumeDriver(dir.resolve("other-driver")));
        service.create("web-data", null, Map.of(), Map.of("env", "prod", "tier", "web"));
        service.create("web-logs", "other", Map.of(), Map.of("env", "dev"));
        service.create("db-data", null, Map.of(), Map.of());
        service.reference("db-data", "c1");

        assertEquals(List.of("web-data", "web-logs"), names(filter("name", "web")));
        assertEquals(List.of("db-data", "web-data"), names(filter("name", "data$")));
        assertEquals(List.of("web-logs"), names(filter("driver", "other")));
        assertEquals(List.of("web-data", "web-logs"), names(filter("label", "env")));
        assertEquals(List.of("web-data"), names(filter("label", "env=prod")));
        assertEquals(List.of("web-data"), names(filter("label", "env=prod", "tier")));
        assertEquals(List.of("web-data", "web-logs"), names(filter("dangling", "true")));
        assertEquals(List.of("db-data"), names(filter("dangling", "false")));
        assertEquals("invalid filter 'color'",
                assertThrows(InvalidArgumentException.class, () -> service.list(filter("color", "x"))).getMessage());
        assertThrows(InvalidArgumentException.class, () -> service.list(filter("dangling", "maybe")));
    }

    @Test
    void pruneRemovesOnlyUnusedAnonymousVolumesUnlessAllIsSet() {
        String anon = service.create(null, null, Map.of(), Map.of()).name();
        String anonUsed = service.create(null, null, Map.of(), Map.of()).name();
        service.reference(anonUsed, "c1");
        service.create("named", null, Map.of(), Map.of());

        PruneReport first = service.prune(Filters.empty());
        assertEquals(List.of(anon), first.deleted());
        assertEquals(Set.of(anonUsed, "named"), Set.copyOf(names(Filters.empty())));

        PruneReport all = service.prune(filter("all", "true"));
        assertEquals(List.of("named"), all.deleted());
        assertEquals(List.of(anonUsed), names(Filters.empty()));
        assertTrue(events.published.stream().anyMatch(e -> e.action().equals("prune")));
    }

    @Test
    void pruneHonoursLabelFiltersAndCountsReclaimedBytes() throws Exception {
        service.create("keep", null, Map.of(), Map.of("keep", "yes"));
        VolumeDetails drop = service.create("drop", null, Map.of(), Map.of("keep", "no"));
        Files.write(Path.of(drop.mountpoint()).resolve("f"), new byte[1000]);

        assertEquals(List.of(), service.prune(filter("all", "1").with("label", "nothing")).deleted());
        PruneReport r = service.prune(filter("all", "true").with("label!", "keep=yes"));
        assertEquals(List.of("drop"), r.deleted());
        assertEquals(1000, r.spaceReclaimed());
        assertEquals(List.of("keep"), names(Filters.empty()));
        assertThrows(InvalidArgumentException.class, () -> service.prune(filter("dangling", "true")));
    }

    @Test
    void aVolumeWhoseDriverIsAbsentIsStillListedAndInspected() throws Exception {
        registry.volumeDrivers.put("plug", new DirectoryVolumeDriver(dir.resolve("plug-driver")));
        service.create("remote", "plug", Map.of("o", "1"), Map.of("l", "2"));
        registry.volumeDrivers.remove("plug");

        assertEquals(List.of("remote"), names(Filters.empty()));
        VolumeDetails v = service.inspect("remote");
        assertEquals("plug", v.driver());
        assertEquals(Map.of("l", "2"), v.labels());
        assertEquals(dir.resolve("plug-driver/remote").toString(), v.mountpoint());
        NotFoundException e = assertThrows(NotFoundException.class, () -> service.remove("remote", false));
        assertTrue(e.getMessage().contains("plugin \"plug\" not found"), e.getMessage());
        assertThrows(NotFoundException.class, () -> service.mount("remote", "c1"));
        assertEquals(List.of(), service.prune(filter("all", "true")).deleted());
    }

    @Test
    void recordsAndReferencesSurviveANewServiceInstance() throws Exception {
        service.create("kept", null, Map.of("a", "b"), Map.of("c", "d"));
        service.reference("kept", "c9");
        EngineVolumeService again = new EngineVolumeService(dir.resolve("data"), registry, events);
        assertEquals(Map.of("c", "d"), again.inspect("kept").labels());
        assertEquals(Map.of("a", "b"), again.inspect("kept").options());
        assertEquals(List.of("c9"), again.users("kept"));
        assertThrows(ConflictException.class, () -> again.remove("kept", false));
    }

    @Test
    void volumesTheDriverHasWithoutARecordAreAdoptedAndVanishedOnesDropped() throws Exception {
        local.create("preexisting", Map.of(), Map.of());
        assertEquals(List.of("preexisting"), names(Filters.empty()));
        assertEquals("local", service.inspect("preexisting").driver());

        service.create("vanishing", null, Map.of(), Map.of());
        Files.delete(dir.resolve("local-driver/vanishing"));
        assertEquals(List.of("preexisting"), names(Filters.empty()));
        assertThrows(NotFoundException.class, () -> service.inspect("vanishing"));
    }

    @Test
    void diskUsageReportsSizesAndReferenceCounts() throws Exception {
        VolumeDetails v = service.create("sized", null, Map.of(), Map.of());
        Files.write(Path.of(v.mountpoint()).resolve("blob"), new byte[4096]);
        service.reference("sized", "c1");
        List<DiskUsage.VolumeUsage> usage = service.volumeUsage();
        assertEquals(1, usage.size());
        assertEquals(new DiskUsage.VolumeUsage("sized", "local", v.mountpoint(), 4096, 1), usage.get(0));
    }

    @Test
    void referencesNeedAnExistingVolumeAndAValidContainerId() {
        assertThrows(NotFoundException.class, () -> service.reference("ghost", "c1"));
        service.create("real", null, Map.of(), Map.of());
        assertThrows(InvalidArgumentException.class, () -> service.reference("real", "../x"));
        service.release("real", "never-referenced");
    }
}
