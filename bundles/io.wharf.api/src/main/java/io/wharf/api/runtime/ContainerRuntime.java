package io.wharf.api.runtime;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An OCI runtime driver: creates, runs, signals and removes containers described by a {@link ContainerSpec}.
 * One service per runtime, registered with the service property {@link #NAME} ({@code runc}, {@code crun}, ...).
 * A runtime keeps nothing only in memory: containers outlive the daemon and the driver, and a new instance on the
 * same directories finds them again ({@link #list()}, {@link #state}, {@link #exited}).
 *
 * <p>Unknown IDs raise {@link io.wharf.api.errors.NotFoundException}; an operation the container's state does not
 * allow raises {@link io.wharf.api.errors.ConflictException}.
 */
@ConsumerType
public interface ContainerRuntime {
    /** The service property with the runtime's name, as {@code --runtime} and daemon.json's {@code runtimes} name it. */
    String NAME = "wharf.runtime.name";

    /**
     * Creates the container and its monitor; the process exists but has not run the command yet (state
     * {@code CREATED}). Output goes to {@link IoConfig#logPath()} from now on. A command that cannot be found or
     * executed raises {@link RuntimeStartException} (from here or from {@link #start}); the container is then
     * left stopped with that exit code, still to be {@link #delete deleted}.
     */
    void create(ContainerSpec spec, IoConfig io);

    /** Runs the created container's command. */
    void start(String id);

    /**
     * Sends {@code signal} to the main process, or to every process of the container when {@code all}. Killing a
     * stopped container raises {@link io.wharf.api.errors.ConflictException}.
     */
    void kill(String id, int signal, boolean all);

    /** Freezes every process of the container. */
    void pause(String id);

    /** Thaws a paused container. */
    void resume(String id);

    RuntimeState state(String id);

    /**
     * Completes when the main process has exited, also when that happened before this call or while the daemon
     * was down. Completes exceptionally with {@link io.wharf.api.errors.NotFoundException} when the container is
     * deleted first.
     */
    CompletionStage<ExitStatus> exited(String id);

    /** Removes the container and its runtime files, killing it first if it still runs. Deleting an unknown ID does nothing. */
    void delete(String id);

    /** Changes the cgroup limits of a created, running or paused container; null fields stay as they are. */
    void update(String id, Resources resources);

    ContainerStats stats(String id);

    /** The host PIDs of every process in the container. */
    List<Integer> pids(String id);

    /**
     * Runs another process in a running container. {@code execId} names it for {@link #resizeExec}; the process
     * is not restarted or found again after a daemon restart.
     */
    ExecProcess exec(String id, String execId, ProcessSpec process, IoConfig io);

    /** Connects to the main process's standard streams: output from now on, and stdin if it was opened. */
    StdioConnection attach(String id);

    /** Resizes the container's terminal; ignored when it has none. */
    void resize(String id, int height, int width);

    void resizeExec(String id, String execId, int height, int width);

    /** The IDs of every container this runtime knows, including ones created before a daemon restart. */
    List<String> list();

    RuntimeDescription describe();
}
