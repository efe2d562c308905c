package io.wharf.rest.internal.router;

import io.wharf.rest.internal.json.JsonCodec;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A streamed response of newline-delimited JSON (events, progress of pull/push/build/load): each object is
 * sent, and so flushed, as soon as it is queued, one write at a time without holding a thread while idle.
 * Safe to call from any thread. Ends with {@link #close()}, or when the client goes away, which runs the
 * {@link #onClose} actions once (close subscriptions there).
 */
public final class JsonLineStream {
    /** More queued lines than this means the client stopped reading: the stream is cut off. */
    static final int MAX_QUEUED = 16_384;

    private final JsonCodec codec;
    private final Response response;
    private final Callback callback;
    private final Pump pump = new Pump();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final List<Runnable> closeActions = new ArrayList<>();
    private boolean lastQueued;
    private boolean lastWritten;
    private boolean closed;

    JsonLineStream(JsonCodec codec, Request request, Response response, Callback callback) {
        this.codec = codec;
        this.response = response;
        this.callback = callback;
        request.addFailureListener(this::abort);
        // an idle stream is normal (no events for hours): never time it out while it is open
        request.addIdleTimeoutListener(t -> false);
    }

    /** Sends the status line and headers now, before any object, as dockerd does. */
    void start() {
        enqueue(ByteBuffer.allocate(0), false);
    }

    /** Queues {@code value} as one line; false when the stream has ended. */
    public boolean send(Object value) {
        return sendRaw(codec.writeLine(value));
    }

    /** Queues bytes already encoded as one or more complete lines. */
    public boolean sendRaw(byte[] line) {
        return enqueue(ByteBuffer.wrap(line), false);
    }

    /** Ends the response normally after what is queued. */
    public void close() {
        enqueue(ByteBuffer.allocate(0), true);
    }

    /** Runs {@code action} once when the stream ends for any reason; at once if it already has. */
    public void onClose(Runnable action) {
        boolean now;
        synchronized (this) {
            now = closed;
            if (!now) {
                closeActions.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    public synchronized boolean isOpen() {
        return !closed && !lastQueued;
    }

    private boolean enqueue(ByteBuffer buffer, boolean last) {
        synchronized (this) {
            if (closed || lastQueued) {
                return false;
            }
            if (queue.size() >= MAX_QUEUED) {
                last = false;
                buffer = null;
            } else {
                queue.add(buffer);
                lastQueued = last;
            }
        }
        if (buffer == null) {
            abort(new IllegalStateException("client is not reading the stream"));
            return false;
        }
        pump.iterate();
        return true;
    }

    private void abort(Throwable failure) {
        pump.abort(failure);
    }

    private void ended() {
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            actions = new ArrayList<>(closeActions);
            closeActions.clear();
        }
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(JsonLineStream.class).warn("closing a stream failed", e);
            }
        }
    }

    /** Writes queued buffers strictly one after another; Jetty refuses overlapping writes. */
    private final class Pump extends IteratingCallback {
        @Override
        protected Action process() {
            ByteBuffer next;
            boolean last;
            synchronized (JsonLineStream.this) {
                if (lastWritten) {
                    return Action.SUCCEEDED;
                }
                next = queue.poll();
                if (next == null) {
                    return Action.IDLE;
                }
                last = lastQueued && queue.isEmpty();
                lastWritten = last;
            }
            response.write(last, next, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            ended();
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            ended();
            callback.failed(cause);
        }
    }
}
