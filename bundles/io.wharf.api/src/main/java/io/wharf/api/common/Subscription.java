package io.wharf.api.common;

/** A live feed (events, followed logs, streamed stats). Closing it stops delivery; closing twice is harmless. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
