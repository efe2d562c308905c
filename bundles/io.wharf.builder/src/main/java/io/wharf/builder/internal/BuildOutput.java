package io.wharf.builder.internal;

import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import java.util.Map;

/** The build's output stream as the docker CLI prints it; in quiet mode only the result and errors go out. */
final class BuildOutput {
    private final ProgressListener listener;
    private final boolean quiet;

    BuildOutput(ProgressListener listener, boolean quiet) {
        this.listener = listener;
        this.quiet = quiet;
    }

    void line(String text) {
        text(text + "\n");
    }

    void text(String text) {
        if (!quiet) {
            listener.progress(ProgressMessage.stream(text));
        }
    }

    /** Pull progress and other status messages, passed on as they are. */
    void progress(ProgressMessage m) {
        if (!quiet) {
            listener.progress(m);
        }
    }

    void imageId(String id) {
        listener.progress(ProgressMessage.aux(Map.of("ID", id)));
        if (quiet) {
            listener.progress(ProgressMessage.stream(id + "\n")); // what the CLI prints for -q
        }
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
