package io.wharf.api.events;

/** Receives events for a subscription, in order, on a thread the event service owns. */
@org.osgi.annotation.versioning.ConsumerType   // subscribers implement it: adding a method is a major change
public interface EventSink {
    /** One matching event. An exception here ends the subscription. */
    void event(Event event) throws Exception;

    /** The subscription ended: its {@code until} time passed, or the service stopped. Called once. */
    default void end() {
    }
}
