package io.wharf.log.jsonfile.internal;

import static io.wharf.testkit.LogCollector.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.log.LogContext;
import io.wharf.api.log.LogDriver.LogWriter;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import io.wharf.testkit.LogCollector;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileDriverTest {
    private static final String ID = "4f1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100aa";
    /** 2019-01-01T11:11:11.111111111Z */
    private static final long SAMPLE_TIME = 1546341071_111111111L;

    @TempDir
    Path dir;

    private final JsonFileDriver driver = new JsonFileDriver();

    private LogContext context(Map<String, String> options) {
        return new LogContext(ID, "web", "nginx:latest", dir, options, Map.of("app", "shop", "tier", "front"));
    }

    private static LogMessage out(String s, long t) {
        return new LogMessage("stdout", s.getBytes(StandardCharsets.UTF_8), t, false, Map.of());
    }

    private Path live() {
        return dir.resolve(ID + "-json.log");
    }

    @Test
    void writesDockersLineFormatByteForByte() throws Exception {
        try (LogWriter w = driver.open(context(Map.of()))) {
            w.write(out("Log line is here\n", SAMPLE_TIME));
        }
        // The sample line from Docker's json-file documentation.
        assertEquals("{\"log\":\"Log line is here\\n\",\"stream\":\"stdout\",\"time\":\"2019-01-01T11:11:11.111111111Z\"}\n",
                Files.readString(live()));
    }

    @Test
    void timeDropsTrailingZerosAsGoRfc3339NanoDoes() {
        assertEquals("2019-01-01T11:11:11.1Z", LogTime.format(1546341071_100000000L));
        assertEquals("2019-01-01T11:11:11Z", LogTime.format(1546341071_000000000L));
        assertEquals("2019-01-01T11:11:11.000000001Z", LogTime.format(1546341071_000000001L));
        assertEquals(1546341071_120000000L, LogTime.parse("2019-01-01T11:11:11.12Z"));
        assertEquals(1546341071_000000000L, LogTime.parse("2019-01-01T12:11:11+01:00"));
    }

    @Test
    void escapesAsDockerDoes() throws Exception {
        byte[] line = {'<', 'a', '>', '&', '\t', 0x01, '"', '\\', (byte) 0xff, (byte) 0xe2, (byte) 0x80, (byte) 0xa8,
                (byte) 0xc3, (byte) 0xa9, '\r', '\n'};
        try (LogWriter w = driver.open(context(Map.of()))) {
            w.write(new LogMessage("stderr", line, SAMPLE_TIME, false, Map.of()));
        }
        assertEquals("{\"log\":\"\\u003ca\\u003e\\u0026\\u0009\\u0001\\\"\\\\\\ufffd\\u2028é\\r\\n\",\"stream\":\"stderr\","
                + "\"time\":\"2019-01-01T11:11:11.111111111Z\"}\n", Files.readString(live()));
    }

    @Test
    void partialChunkHasNoNewlineAndEmptyLogIsLeftOut() throws Exception {
        try (LogWriter w = driver.open(context(Map.of()))) {
            w.write(new LogMessage("stdout", "chunk".getBytes(StandardCharsets.UTF_8), SAMPLE_TIME, true, Map.of()));
            w.write(new LogMessage("stdout", new byte[0], SAMPLE_TIME, true, Map.of()));
        }
        assertEquals(List.of("{\"log\":\"chunk\",\"stream\":\"stdout\",\"time\":\"2019-01-01T11:11:11.111111111Z\"}",
                "{\"stream\":\"stdout\",\"time\":\"2019-01-01T11:11:11.111111111Z\"}"), Files.readAllLines(live()));
    }

    @Test
    void labelsAndTagBecomeAttrs() throws Exception {
        try (LogWriter w = driver.open(context(Map.of("labels", "tier,missing", "tag", "{{.Name}}/{{.ID}}")))) {
            w.write(out("x\n", SAMPLE_TIME));
            w.write(new LogMessage("stdout", "y\n".getBytes(StandardCharsets.UTF_8), SAMPLE_TIME, false,
                    Map.of("PATH", "/bin")));
        }
        List<String> lines = Files.readAllLines(live());
        assertEquals("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"attrs\":{\"tag\":\"web/4f1d2c3b4a59\",\"tier\":\"front\"},"
                + "\"time\":\"2019-01-01T11:11:11.111111111Z\"}", lines.get(0));
        assertTrue(lines.get(1).contains("\"attrs\":{\"PATH\":\"/bin\",\"tag\":\"web/4f1d2c3b4a59\",\"tier\":\"front\"}"));
        LogCollector c = new LogCollector();
        driver.read(context(Map.of()), new LogQuery(0, 0, -1, false, true, true), c, c.done());
        assertEquals(Map.of("tag", "web/4f1d2c3b4a59", "tier", "front"), c.awaitDone().get(0).attributes());
    }

    @Test
    void readsALineWrittenByDockerd() throws Exception {
        Files.writeString(live(), "{\"log\":\"from docker \\u003cok\\u003e\\n\",\"stream\":\"stderr\","
                + "\"attrs\":{\"tag\":\"t\"},\"time\":\"2023-05-10T08:12:34.25611239Z\"}\n");
        LogCollector c = new LogCollector();
        driver.read(context(Map.of()), new LogQuery(0, 0, -1, false, true, true), c, c.done());
        LogMessage m = c.awaitDone().get(0);
        assertEquals("from docker <ok>\n", LogCollector.text(m));
        assertEquals("stderr", m.source());
        assertEquals(LogTime.parse("2023-05-10T08:12:34.256112390Z"), m.timeNano());
    }

    @Test
    void validateUsesDockerdMessages() {
        assertEquals("unknown log opt 'max-sise' for json-file log driver",
                assertThrows(InvalidArgumentException.class, () -> driver.validate(Map.of("max-sise", "1m"))).getMessage());
        assertEquals("max-file cannot be less than 1",
                assertThrows(InvalidArgumentException.class, () -> driver.validate(Map.of("max-file", "0"))).getMessage());
        assertEquals("compress cannot be true when max-file is less than 2 or max-size is not set",
                assertThrows(InvalidArgumentException.class, () -> driver.validate(Map.of("compress", "true")))
                        .getMessage());
        driver.validate(Map.of("max-size", "10m", "max-file", "3", "compress", "true", "labels", "a", "labels-regex",
                "^a", "env", "PATH", "env-regex", "^X", "tag", "{{.Name}}"));
        assertEquals(10_000_000L, JsonFileOptions.humanSize("10m"));
        assertEquals(1_500L, JsonFileOptions.humanSize("1.5k"));
        assertEquals(2_000_000_000L, JsonFileOptions.humanSize("2GB"));
    }

    @Test
    void rotatesAtMaxSizeKeepsMaxFilesAndReadsAcrossThem() throws Exception {
        Map<String, String> opts = Map.of("max-size", "1k", "max-file", "3");
        try (LogWriter w = driver.open(context(opts))) {
            for (int i = 0; i < 100; i++) {
                w.write(out(String.format("line %03d%n", i), SAMPLE_TIME + i));
            }
        }
        assertTrue(Files.exists(dir.resolve(ID + "-json.log.1")));
        assertTrue(Files.exists(dir.resolve(ID + "-json.log.2")));
        assertTrue(Files.notExists(dir.resolve(ID + "-json.log.3")));
        for (Path p : List.of(live(), dir.resolve(ID + "-json.log.1"), dir.resolve(ID + "-json.log.2"))) {
            assertTrue(Files.size(p) <= 1000, p + " is larger than max-size");
        }
        List<String> all = texts(read(new LogQuery(0, 0, -1, false, true, true)));
        assertEquals("line 099\n", all.get(all.size() - 1));
        // Every line kept, in order, with none missing between the oldest kept and the newest.
        int first = Integer.parseInt(all.get(0).substring(5, 8));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(String.format("line %03d%n", first + i), all.get(i));
        }
        // `since` reaches back into rotated files too.
        assertEquals(all.subList(all.size() - 10, all.size()),
                texts(read(new LogQuery(SAMPLE_TIME + 90, 0, -1, false, true, true))));
        // A tail longer than the live file reaches into the rotated ones.
        int liveLines = Files.readAllLines(live()).size();
        List<String> tail = texts(read(new LogQuery(0, 0, liveLines + 5, false, true, true)));
        assertEquals(all.subList(all.size() - liveLines - 5, all.size()), tail);
    }

    @Test
    void compressesRotatedFilesAndReadsThem() throws Exception {
        Map<String, String> opts = Map.of("max-size", "1k", "max-file", "3", "compress", "true");
        try (LogWriter w = driver.open(context(opts))) {
            for (int i = 0; i < 60; i++) {
                w.write(out(String.format("line %03d%n", i), SAMPLE_TIME + i));
            }
        }
        Path gz = dir.resolve(ID + "-json.log.1.gz");
        assertTrue(Files.exists(gz));
        assertTrue(Files.notExists(dir.resolve(ID + "-json.log.1")));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("{\"log\":\"line "));
        }
        List<String> all = texts(read(new LogQuery(0, 0, -1, false, true, true)));
        assertEquals("line 059\n", all.get(all.size() - 1));
        assertTrue(all.size() > Files.readAllLines(live()).size());
        List<String> tail = texts(read(new LogQuery(0, 0, all.size(), false, true, true)));
        assertEquals(all, tail);
    }

    @Test
    void followCarriesOnAcrossRotation() throws Exception {
        Map<String, String> opts = Map.of("max-size", "1k", "max-file", "5");
        LogWriter w = driver.open(context(opts));
        try {
            LogCollector c = new LogCollector();
            try (Subscription s = driver.read(context(opts), new LogQuery(0, 0, -1, true, true, true), c, c.done())) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    w.write(out(String.format("line %03d%n", i), SAMPLE_TIME + i));
                    if (i % 10 == 9) {
                        // Let the follower catch up now and then so that it really sees the rotations happen.
                        while (got.size() <= i) {
                            got.add(LogCollector.text(c.next()));
                        }
                    }
                }
                w.close();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    expected.add(String.format("line %03d%n", i));
                }
                assertEquals(expected, texts(c.awaitDone()));
                assertTrue(Files.exists(dir.resolve(ID + "-json.log.2")));
            }
        } finally {
            w.close();
        }
    }

    @Test
    void tailOfALargeFileReadsOnlyItsEnd() throws Exception {
        try (LogWriter w = driver.open(context(Map.of()))) {
            for (int i = 0; i < 20_000; i++) {
                w.write(out("a fairly ordinary log line number " + i + "\n", SAMPLE_TIME + i));
            }
        }
        assertEquals(List.of("a fairly ordinary log line number 19999\n"),
                texts(read(new LogQuery(0, 0, 1, false, true, true))));
    }

    private List<LogMessage> read(LogQuery q) throws InterruptedException {
        LogCollector c = new LogCollector();
        driver.read(context(Map.of()), q, c, c.done());
        return c.awaitDone();
    }
}
