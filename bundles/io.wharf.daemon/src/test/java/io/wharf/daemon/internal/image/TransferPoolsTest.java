package io.wharf.daemon.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransferPoolsTest {
    @Test
    void aReloadResizesBothWaysAndZeroMeansDockerdsDefault() {
        TransferPools pools = new TransferPools(3, 5);
        try {
            pools.resize(8, 1);
            assertEquals(8, pools.maxDownloads());
            assertEquals(1, pools.maxUploads());
            pools.resize(2, 0);
            assertEquals(2, pools.maxDownloads());
            assertEquals(TransferPools.DEFAULT_UPLOADS, pools.maxUploads());
        } finally {
            pools.shutdownNow();
        }
    }

    @Test
    void noMoreTransfersRunAtOnceThanTheLimit() throws Exception {
        TransferPools pools = new TransferPools(2, 5);
        try {
            AtomicInteger running = new AtomicInteger();
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(6);
            for (int i = 0; i < 6; i++) {
                pools.downloads().execute(() -> {
                    running.incrementAndGet();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, running.get(), "two transfers run");
            assertEquals(4, ((ThreadPoolExecutor) pools.downloads()).getQueue().size(), "the others wait their turn");
            gate.countDown();
            assertEquals(true, done.await(30, TimeUnit.SECONDS));
            assertEquals(6, running.get());
        } finally {
            pools.shutdownNow();
        }
    }
}
