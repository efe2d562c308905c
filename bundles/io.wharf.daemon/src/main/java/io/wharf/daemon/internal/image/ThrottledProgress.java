package io.wharf.daemon.internal.image;

import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import java.util.function.LongConsumer;

/**
 * Byte counts reported at most every 100 ms (and at the end), as dockerd does: a message per read would cost
 * more than the transfer it describes.
 */
final class ThrottledProgress implements LongConsumer {
    private static final long INTERVAL = 100_000_000L;

    private final ProgressListener listener;
    private final String id;
    private final String status;
    private final long total;
    private long last = System.nanoTime();

    ThrottledProgress(ProgressListener listener, String id, String status, long total) {
        this.listener = listener;
        this.id = id;
        this.status = status;
        this.total = total;
    }

    @Override
    public void accept(long current) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL || total > 0 && current >= total) {
            last = now;
            listener.progress(ProgressMessage.progress(id, status, current, total));
        }
    }
}
