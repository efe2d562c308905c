package io.wharf.api.common;

/** A live feed (events, followed logs, streamed stats). Closing it stops delivery; closing twice is harmless. */
@org.osgi.annotation.versioning.ConsumerType   // services and drivers implement it: adding a method is a major change
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
