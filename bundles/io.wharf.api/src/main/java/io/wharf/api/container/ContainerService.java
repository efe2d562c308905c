package io.wharf.api.container;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.common.Subscription;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import io.wharf.api.storage.StorageDriver;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The container lifecycle, as the Docker API exposes it. Every {@code id} argument accepts a full ID, a unique
 * ID prefix or a name. Unknown containers throw {@code NotFoundException("No such container: X")}.
 */
@ProviderType
public interface ContainerService {
    /**
     * Creates a container from an image; {@code name} may be null for a generated one.
     *
     * @throws io.wharf.api.errors.ConflictException when the name is in use
     * @throws io.wharf.api.errors.InvalidArgumentException for an invalid name or configuration
     * @throws io.wharf.api.errors.NotFoundException when the image is absent
     */
    CreateResult create(String name, ContainerCreateRequest request);

    /** Starts it. Throws {@code NotModifiedException} when it is already running. */
    void start(String id);

    /**
     * Sends the stop signal (or {@code signal}), waits {@code timeoutSeconds} (null: the container's own or 10;
     * -1: forever) and then kills it. Throws {@code NotModifiedException} when it is not running.
     */
    void stop(String id, String signal, Integer timeoutSeconds);

    void restart(String id, String signal, Integer timeoutSeconds);

    /** Sends a signal (name or number; default KILL). Throws ConflictException when it is not running. */
    void kill(String id, String signal);

    void pause(String id);

    void unpause(String id);

    /** Completes when the condition holds; the stage fails with NotFoundException for an unknown container. */
    CompletionStage<WaitResult> await(String id, WaitCondition condition);

    /** Removes it; a running container needs {@code force}. {@code removeVolumes} removes anonymous volumes. */
    void remove(String id, boolean force, boolean removeVolumes, boolean removeLink);

    void rename(String id, String newName);

    /** Changes resources and the restart policy of a container; returns warnings. */
    List<String> update(String id, ContainerResources resources, HostConfig.RestartPolicy restartPolicy);

    ContainerDetails inspect(String id, boolean size);

    List<ContainerSummary> list(ListOptions options);

    TopResult top(String id, String psArgs);

    List<StorageDriver.Change> changes(String id);

    /** Writes the container's file system as a tar. */
    void export(String id, OutputStream out);

    /** Delivers samples (one, or one per second while {@code stream}) until closed or the container stops. */
    Subscription stats(String id, boolean stream, Consumer<StatsSample> sink, Runnable done);

    /** Reads the container's log through its log driver; see {@link io.wharf.api.log.LogDriver#read}. */
    Subscription logs(String id, LogQuery query, Consumer<LogMessage> sink, Runnable done);

    /**
     * Attaches the caller's streams until the container's streams end, the detach keys are typed or the client
     * goes away. Blocks the calling thread. {@code stdin} may be null when not attached.
     */
    void attach(String id, AttachOptions options, InputStream stdin, OutputSink out);

    void resize(String id, int height, int width);

    PruneReport prune(Filters filters);

    /** The stat of a path inside the container, following no symlink out of its root. */
    PathStat statPath(String id, String path);

    /** Writes a tar of the path (file or directory) inside the container; returns its stat. */
    PathStat getArchive(String id, String path, OutputStream out);

    /** Extracts a tar into a directory inside the container; nothing may land outside its root. */
    void putArchive(String id, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid);

    /** Makes an image of the container's changes; returns the image ID. */
    String commit(String id, CommitOptions options);
}
