package io.wharf.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.log.LogMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Receives what a log driver delivers, with bounded waits for tests. */
public final class LogCollector implements Consumer<LogMessage> {
    /** Upper bound of every wait; generous because CI machines stall. */
    public static final long TIMEOUT_SECONDS = 20;

    private final BlockingQueue<LogMessage> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<LogMessage> taken = new ArrayList<>();

    @Override
    public void accept(LogMessage m) {
        queue.add(m);
    }

    public Runnable done() {
        return done::countDown;
    }

    /** Waits for delivery to end and returns everything delivered. */
    public List<LogMessage> awaitDone() throws InterruptedException {
        assertTrue(done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "log delivery did not end");
        queue.drainTo(taken);
        return List.copyOf(taken);
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits for the next message. */
    public LogMessage next() throws InterruptedException {
        LogMessage m = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(m, "no log message arrived");
        taken.add(m);
        return m;
    }

    public static String text(LogMessage m) {
        return new String(m.line(), StandardCharsets.UTF_8);
    }

    public static List<String> texts(List<LogMessage> messages) {
        return messages.stream().map(LogCollector::text).toList();
    }
}
