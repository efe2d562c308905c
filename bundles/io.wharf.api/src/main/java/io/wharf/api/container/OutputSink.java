package io.wharf.api.container;

import java.io.IOException;

/**
 * Where a container's or exec's output goes during attach, exec and logs. The front end frames it (the
 * 8-byte multiplexed header without a TTY, raw bytes with one).
 */
@org.osgi.annotation.versioning.ConsumerType   // front ends implement it: adding a method is a major change
public interface OutputSink {
    void write(StdStream stream, byte[] data, int offset, int length) throws IOException;

    /** Called after each burst of output so that interactive clients see it at once. */
    default void flush() throws IOException {
    }
}
