package io.wharf.api.common;

/** Receives the progress of a long operation. Called from the operation's threads; must not block for long. */
@org.osgi.annotation.versioning.ConsumerType   // callers implement it: adding a method is a major change
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = m -> { };

    void progress(ProgressMessage message);
}
