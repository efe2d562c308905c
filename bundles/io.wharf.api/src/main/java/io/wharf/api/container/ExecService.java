package io.wharf.api.container;

import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/** Processes started in running containers. Unknown execs throw {@code NotFoundException("No such exec instance: X")}. */
@ProviderType
public interface ExecService {
    /** Throws ConflictException when the container is not running or is paused. */
    String create(String containerId, ExecConfig config);

    /**
     * Runs the exec, streaming its output until it exits (blocking), or returns at once when {@code detach}.
     * Throws ConflictException when it was started already.
     */
    void start(String execId, boolean detach, boolean tty, InputStream stdin, OutputSink out);

    void resize(String execId, int height, int width);

    ExecDetails inspect(String execId);
}
