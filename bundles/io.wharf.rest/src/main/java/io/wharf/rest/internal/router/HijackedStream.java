package io.wharf.rest.internal.router;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Both directions of a hijacked exchange (attach, exec): the client's input and a blocking writer. */
public interface HijackedStream extends Closeable {
    /** What the client sends from now on (stdin); ends when the client closes its side. */
    InputStream input();

    /** Sends bytes to the client, blocking until they are on their way; fails once the client is gone. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** Ends the exchange. */
    @Override
    void close();
}
