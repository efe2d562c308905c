package io.wharf.rest.internal.router.images;

import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.rest.internal.json.ErrorStatus;
import io.wharf.rest.internal.json.ProgressJson;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.JsonLineStream;

/**
 * Streams progress as newline-delimited JSON. The stream starts with the first message: an error before it
 * is still an HTTP error status (what the CLI shows as "Error response from daemon"); after it, the error is
 * the stream's last message, as dockerd does. Called from several transfer threads at once.
 */
final class ProgressStream implements ProgressListener {
    private final ApiResponse response;
    private JsonLineStream stream;

    ProgressStream(ApiResponse response) {
        this.response = response;
    }

    @Override
    public synchronized void progress(ProgressMessage message) {
        if (stream == null) {
            stream = response.jsonLines();
        }
        stream.send(ProgressJson.of(message));
    }

    /** Ends the stream; true when it had started (so an error must go into it). */
    synchronized boolean started() {
        return stream != null;
    }

    synchronized void fail(Throwable t) {
        stream.send(ProgressJson.of(ProgressMessage.error(ErrorStatus.message(t))));
        stream.close();
    }

    synchronized void close() {
        if (stream == null) {
            stream = response.jsonLines();
        }
        stream.close();
    }

    /** Runs {@code work}, turning a failure after the stream started into the stream's last message. */
    void run(Work work) throws Exception {
        try {
            work.run();
        } catch (Exception | Error e) {
            if (started()) {
                fail(e);
                return;
            }
            throw e;
        }
        close();
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
