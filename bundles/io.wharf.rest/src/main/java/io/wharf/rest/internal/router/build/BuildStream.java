package io.wharf.rest.internal.router.build;

import io.wharf.api.build.StepFailedException;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.WharfException;
import io.wharf.rest.internal.json.ErrorStatus;
import io.wharf.rest.internal.json.ProgressJson;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.JsonLineStream;
import java.util.Map;

/**
 * The build's JSON message stream, as dockerd writes it: {@code stream} lines, pull {@code status} messages, the
 * {@code aux} image ID, and a failure as {@code errorDetail} ending the stream. The stream starts at once, so
 * that even an error in the context is reported in it, as the CLI expects of a build.
 */
final class BuildStream implements ProgressListener {
    private final ApiResponse response;
    private JsonLineStream stream;

    BuildStream(ApiResponse response) {
        this.response = response;
    }

    private JsonLineStream stream() {
        if (stream == null) {
            stream = response.jsonLines();
        }
        return stream;
    }

    /** Throws when the client has gone away, so that the build stops at its next message (as dockerd cancels). */
    @Override
    public synchronized void progress(ProgressMessage m) {
        if (!stream().send(ProgressJson.of(m))) {
            throw new WharfException("the client closed the connection: build canceled");
        }
    }

    void run(Work work) {
        try {
            work.run();
        } catch (Exception | Error e) {
            Map<String, Object> error = ProgressJson.of(ProgressMessage.error(ErrorStatus.message(e)));
            if (e instanceof StepFailedException f) {
                // the CLI exits with this code, as with dockerd
                error.put("errorDetail", Map.of("code", f.exitCode(), "message", ErrorStatus.message(e)));
            }
            synchronized (this) {
                stream().send(error);
            }
        }
        synchronized (this) {
            stream().close();
        }
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
