package io.wharf.testkit;

import static io.wharf.testkit.LogCollector.text;
import static io.wharf.testkit.LogCollector.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.log.LogContext;
import io.wharf.api.log.LogDriver;
import io.wharf.api.log.LogDriver.LogWriter;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every log driver that can read its logs back must do. A driver's test extends this and supplies fresh
 * driver instances; each test gets its own container directory.
 */
public abstract class LogDriverContract {
    /** A fixed instant (2023-11-14T22:13:20Z) so that time filters are exact. */
    protected static final long T0 = 1_700_000_000_000_000_000L;
    protected static final long SECOND = 1_000_000_000L;

    @TempDir
    protected Path containerDir;

    protected LogDriver driver;

    /** A new driver instance; called once per test and again to simulate a daemon restart. */
    protected abstract LogDriver newDriver();

    @BeforeEach
    void createDriver() {
        driver = newDriver();
        assumeTrue(driver.canRead(), "driver cannot read logs back");
    }

    protected LogContext context() {
        return new LogContext("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "web", "busybox",
                containerDir, Map.of(), Map.of());
    }

    protected static LogMessage out(String text, long time) {
        return new LogMessage("stdout", text.getBytes(StandardCharsets.UTF_8), time, false, Map.of());
    }

    protected static LogMessage err(String text, long time) {
        return new LogMessage("stderr", text.getBytes(StandardCharsets.UTF_8), time, false, Map.of());
    }

    protected static LogQuery all() {
        return new LogQuery(0, 0, -1, false, true, true);
    }

    protected List<LogMessage> read(LogDriver d, LogQuery query) throws InterruptedException {
        LogCollector c = new LogCollector();
        try (Subscription s = d.read(context(), query, c, c.done())) {
            return c.awaitDone();
        }
    }

    protected void writeLines(int n) {
        try (LogWriter w = driver.open(context())) {
            for (int i = 0; i < n; i++) {
                w.write(out("line " + i + "\n", T0 + i * SECOND));
            }
        }
    }

    @Test
    void roundTripKeepsTextStreamAndTime() throws Exception {
        try (LogWriter w = driver.open(context())) {
            w.write(out("hello\n", T0 + 123_456_789));
            w.write(err("oops \"quoted\" <tag> & tab\t\n", T0 + SECOND));
            w.write(out("héllo wörld ✓\n", T0 + 2 * SECOND));
        }
        List<LogMessage> got = read(driver, all());
        assertEquals(List.of("hello\n", "oops \"quoted\" <tag> & tab\t\n", "héllo wörld ✓\n"), texts(got));
        assertEquals(List.of("stdout", "stderr", "stdout"), got.stream().map(LogMessage::source).toList());
        assertEquals(List.of(T0 + 123_456_789, T0 + SECOND, T0 + 2 * SECOND),
                got.stream().map(LogMessage::timeNano).toList());
        assertFalse(got.get(0).partial());
    }

    @Test
    void partialChunksReadBackAsPartial() throws Exception {
        try (LogWriter w = driver.open(context())) {
            w.write(new LogMessage("stdout", "a long li".getBytes(StandardCharsets.UTF_8), T0, true, Map.of()));
            w.write(out("ne\n", T0 + 1));
        }
        List<LogMessage> got = read(driver, all());
        assertEquals("a long line\n", String.join("", texts(got)));
        assertTrue(got.get(0).partial());
        assertFalse(got.get(got.size() - 1).partial());
    }

    @Test
    void completeMessageWithoutNewlineGetsOne() throws Exception {
        try (LogWriter w = driver.open(context())) {
            w.write(out("no newline at exit", T0));
        }
        assertEquals(List.of("no newline at exit\n"), texts(read(driver, all())));
    }

    @Test
    void tailReturnsTheLastLines() throws Exception {
        writeLines(10);
        assertEquals(List.of("line 7\n", "line 8\n", "line 9\n"),
                texts(read(driver, new LogQuery(0, 0, 3, false, true, true))));
        assertEquals(List.of(), read(driver, new LogQuery(0, 0, 0, false, true, true)));
        assertEquals(10, read(driver, new LogQuery(0, 0, 100, false, true, true)).size());
    }

    @Test
    void sinceAndUntilSelectByTime() throws Exception {
        writeLines(10);
        LogQuery window = new LogQuery(T0 + 3 * SECOND, T0 + 7 * SECOND, -1, false, true, true);
        assertEquals(List.of("line 3\n", "line 4\n", "line 5\n", "line 6\n"), texts(read(driver, window)));
        LogQuery windowTail = new LogQuery(T0 + 3 * SECOND, T0 + 7 * SECOND, 2, false, true, true);
        assertEquals(List.of("line 5\n", "line 6\n"), texts(read(driver, windowTail)));
        LogQuery sinceTail = new LogQuery(T0 + 8 * SECOND, 0, 5, false, true, true);
        assertEquals(List.of("line 8\n", "line 9\n"), texts(read(driver, sinceTail)));
    }

    @Test
    void streamsAreSelectable() throws Exception {
        try (LogWriter w = driver.open(context())) {
            w.write(out("o1\n", T0));
            w.write(err("e1\n", T0 + 1));
            w.write(out("o2\n", T0 + 2));
        }
        assertEquals(List.of("o1\n", "o2\n"), texts(read(driver, new LogQuery(0, 0, -1, false, true, false))));
        assertEquals(List.of("e1\n"), texts(read(driver, new LogQuery(0, 0, -1, false, false, true))));
        assertEquals(List.of("o2\n"), texts(read(driver, new LogQuery(0, 0, 1, false, true, false))));
    }

    @Test
    void followDeliversNewLinesAndEndsWhenTheWriterCloses() throws Exception {
        LogWriter w = driver.open(context());
        try {
            w.write(out("before\n", T0));
            LogCollector c = new LogCollector();
            try (Subscription s = driver.read(context(), new LogQuery(0, 0, -1, true, true, true), c, c.done())) {
                assertEquals("before\n", text(c.next()));
                w.write(out("after 1\n", T0 + 1));
                assertEquals("after 1\n", text(c.next()));
                w.write(err("after 2\n", T0 + 2));
                assertEquals("after 2\n", text(c.next()));
                w.write(out("last\n", T0 + 3));
                w.close();
                assertEquals(List.of("before\n", "after 1\n", "after 2\n", "last\n"), texts(c.awaitDone()));
            }
        } finally {
            w.close();
        }
    }

    @Test
    void followEndsWhenTheSubscriptionIsClosed() throws Exception {
        try (LogWriter w = driver.open(context())) {
            w.write(out("one\n", T0));
            LogCollector c = new LogCollector();
            Subscription s = driver.read(context(), new LogQuery(0, 0, -1, true, true, true), c, c.done());
            assertEquals("one\n", text(c.next()));
            s.close();
            c.awaitDone();
            s.close(); // twice is harmless
            w.write(out("two\n", T0 + 1));
        }
    }

    @Test
    void followWithTailStartsAtTheEnd() throws Exception {
        writeLines(5);
        try (LogWriter w = driver.open(context())) {
            LogCollector c = new LogCollector();
            try (Subscription s = driver.read(context(), new LogQuery(0, 0, 1, true, true, true), c, c.done())) {
                assertEquals("line 4\n", text(c.next()));
                w.write(out("new\n", T0 + 10 * SECOND));
                assertEquals("new\n", text(c.next()));
            }
            c.awaitDone();
        }
    }

    @Test
    void followWithoutARunningWriterEndsAfterTheStoredLines() throws Exception {
        writeLines(2);
        assertEquals(2, read(driver, new LogQuery(0, 0, -1, true, true, true)).size());
    }

    @Test
    void aNewDriverInstanceReadsWhatTheOldOneWrote() throws Exception {
        writeLines(3);
        LogDriver restarted = newDriver();
        assertEquals(List.of("line 0\n", "line 1\n", "line 2\n"), texts(read(restarted, all())));
        try (LogWriter w = restarted.open(context())) {
            w.write(out("appended\n", T0 + 5 * SECOND));
        }
        assertEquals(List.of("line 2\n", "appended\n"), texts(read(driver, new LogQuery(0, 0, 2, false, true, true))));
    }

    @Test
    void readingALogNeverWrittenDeliversNothing() throws Exception {
        assertEquals(List.of(), read(driver, all()));
    }

    @Test
    void unknownOptionIsRejected() {
        assertThrows(InvalidArgumentException.class, () -> driver.validate(Map.of("no-such-option", "1")));
    }
}
