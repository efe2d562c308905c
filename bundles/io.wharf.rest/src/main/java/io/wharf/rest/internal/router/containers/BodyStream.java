package io.wharf.rest.internal.router.containers;

import io.wharf.rest.internal.router.ApiResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

/** A response body written as a blocking stream (tars, logs); closing it completes the exchange. */
final class BodyStream extends FilterOutputStream {
    private final Callback callback;
    private boolean closed;

    private BodyStream(OutputStream out, Callback callback) {
        super(out);
        this.callback = callback;
    }

    static BodyStream open(ApiResponse res, String contentType) {
        res.status(200).header("Content-Type", contentType);
        Callback callback = res.detach();
        return new BodyStream(Content.Sink.asOutputStream(res.jetty()), callback);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Sends the status and headers now, before any byte of the body (waits, follows). */
    void commit() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e);
        }
    }

    /** Cuts the response off after a failure in the middle of the body. */
    synchronized void abort(Throwable t) {
        if (!closed) {
            closed = true;
            callback.failed(t);
        }
    }
}
