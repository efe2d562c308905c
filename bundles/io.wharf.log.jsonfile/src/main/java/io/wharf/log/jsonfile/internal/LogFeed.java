package io.wharf.log.jsonfile.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What followers of one log need to hear from its writer in this process: that something was written (so they
 * wake up at once instead of at the next poll) and that the writer closed (so they drain and end).
 */
final class LogFeed {
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private int writers;
    private long closes;

    synchronized void writerOpened() {
        writers++;
    }

    synchronized void writerClosed() {
        writers--;
        closes++;
        version.incrementAndGet();
        notifyAll();
    }

    /** Called after every write; costs a counter increment unless someone is waiting. */
    void written() {
        version.incrementAndGet();
        if (waiters.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    long version() {
        return version.get();
    }

    synchronized boolean writerOpen() {
        return writers > 0;
    }

    synchronized long closes() {
        return closes;
    }

    /** Waits until the version moves past {@code seen}, at most {@code millis}. */
    void await(long seen, long millis) throws InterruptedException {
        waiters.incrementAndGet();
        try {
            synchronized (this) {
                if (version.get() == seen) {
                    wait(millis);
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }
}
