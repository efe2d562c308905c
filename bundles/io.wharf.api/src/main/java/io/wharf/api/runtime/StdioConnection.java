package io.wharf.api.runtime;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A live connection to a container's or exec's standard streams. With a terminal, everything arrives on
 * {@link #stdout()} and {@link #stderr()} is at its end at once. Closing detaches; it does not stop the process.
 */
@org.osgi.annotation.versioning.ConsumerType   // the runtime driver implements it: adding a method is a major change
public interface StdioConnection extends Closeable {
    /** The process's standard input, or null when it has none ({@link IoConfig#openStdin()} was false). */
    OutputStream stdin();

    /** Output from now on; ends when the process closes it or the connection is closed. */
    InputStream stdout();

    InputStream stderr();

    @Override
    void close();
}
