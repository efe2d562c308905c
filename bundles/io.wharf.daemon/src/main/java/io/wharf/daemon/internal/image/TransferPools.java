package io.wharf.daemon.internal.image;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that move layers to and from registries: at most {@code max-concurrent-downloads} layers are fetched
 * and {@code max-concurrent-uploads} pushed at once, dockerd's defaults 3 and 5. A reload resizes the pools; layers
 * already moving carry on, queued ones start under the new limit.
 */
final class TransferPools {
    static final int DEFAULT_DOWNLOADS = 3;
    static final int DEFAULT_UPLOADS = 5;

    private final ThreadPoolExecutor downloads = pool("wharf-image-download-");
    private final ThreadPoolExecutor uploads = pool("wharf-image-upload-");

    TransferPools(int maxDownloads, int maxUploads) {
        resize(maxDownloads, maxUploads);
    }

    ExecutorService downloads() {
        return downloads;
    }

    ExecutorService uploads() {
        return uploads;
    }

    /** Zero or less means dockerd's default, as in its reload. */
    synchronized void resize(int maxDownloads, int maxUploads) {
        resize(downloads, maxDownloads > 0 ? maxDownloads : DEFAULT_DOWNLOADS);
        resize(uploads, maxUploads > 0 ? maxUploads : DEFAULT_UPLOADS);
    }

    int maxDownloads() {
        return downloads.getMaximumPoolSize();
    }

    int maxUploads() {
        return uploads.getMaximumPoolSize();
    }

    void shutdownNow() {
        downloads.shutdownNow();
        uploads.shutdownNow();
    }

    // the core size may never exceed the maximum, so the order of the two calls depends on the direction
    private static void resize(ThreadPoolExecutor pool, int size) {
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    private static ThreadPoolExecutor pool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // idle transfer threads go, as the container threads do: a pull leaves no stacks behind
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
