package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.WaitResult;
import io.wharf.api.runtime.StdioConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One container while the daemon runs: its stored record plus what only lives as long as the process (waiters,
 * attach sessions waiting for the start, the log shipper). Fields are guarded by the object's monitor; the
 * lifecycle operations on one container are serialised by {@link #lifecycle}.
 */
final class Container {
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** Serialises start, stop, restart, remove of this container; state reads do not take it. */
    final Object lifecycle = new Object();

    final String id;
    final Path dir;
    String name;
    final String created;
    final String imageId;
    final String imageName;
    final String path;
    final List<String> args;
    ContainerConfig config;
    HostConfig hostConfig;
    final String runtime;
    final String driver;

    String status = "created";
    int pid;
    int exitCode;
    String error = "";
    String startedAt = ZERO_TIME;
    String finishedAt = ZERO_TIME;
    boolean oomKilled;
    ContainerState.Health health;
    int restartCount;
    boolean hasBeenStarted;
    boolean manuallyStopped;
    long logOffset;
    /** Set while the removal runs, so that the exit handler does not restart or auto-remove it again. */
    boolean removing;
    /** Set while {@code docker restart} stops the container: an --rm container is not removed then (dockerd). */
    boolean restartingByRequest;

    /** Completes at the next exit; replaced by a new one at each start. */
    CompletableFuture<WaitResult> nextExit = new CompletableFuture<>();
    final CompletableFuture<WaitResult> removed = new CompletableFuture<>();
    /** Attach sessions waiting for the runtime container to exist (attach before start, as {@code docker run}). */
    final List<CompletableFuture<StdioConnection>> pendingAttach = new ArrayList<>();
    LogShipper logShipper;
    ScheduledFuture<?> restartTimer;
    HealthMonitor healthMonitor;
    final List<String> execIds = new ArrayList<>();
    Instant lastStart;
    /** The restart policy's current back-off in milliseconds; 0 before the first restart. */
    long restartDelay;
    /** Counts the runs, so that the exit of an earlier run is never taken for the current one's. */
    int run;

    Container(StoredContainer s, Path dir) {
        this.id = s.id();
        this.dir = dir;
        this.name = s.name();
        this.created = s.created();
        this.imageId = s.imageId();
        this.imageName = s.imageName();
        this.path = s.path();
        this.args = s.args();
        this.config = s.config();
        this.hostConfig = s.hostConfig();
        this.runtime = s.runtime();
        this.driver = s.driver();
        this.restartCount = s.restartCount();
        this.hasBeenStarted = s.hasBeenStarted();
        this.manuallyStopped = s.manuallyStopped();
        this.logOffset = s.logOffset();
        StoredContainer.StoredState st = s.state();
        if (st != null) {
            this.status = st.status();
            this.pid = st.pid();
            this.exitCode = st.exitCode();
            this.error = st.error() == null ? "" : st.error();
            this.startedAt = st.startedAt();
            this.finishedAt = st.finishedAt();
            this.oomKilled = st.oomKilled();
            this.health = st.health();
        }
    }

    synchronized StoredContainer snapshot() {
        return new StoredContainer(id, name, created, imageId, imageName, path, args, config, hostConfig, runtime,
                driver, new StoredContainer.StoredState(status, pid, exitCode, error, startedAt, finishedAt,
                        oomKilled, health),
                restartCount, hasBeenStarted, manuallyStopped, logOffset);
    }

    synchronized boolean isRunning() {
        return status.equals("running") || status.equals("paused") || status.equals("restarting");
    }

    synchronized boolean isPaused() {
        return status.equals("paused");
    }

    synchronized String status() {
        return status;
    }

    synchronized String name() {
        return name;
    }

    String shortId() {
        return id.substring(0, 12);
    }

    /** The name without the leading slash, as events and logs carry it. */
    synchronized String bareName() {
        return name.substring(1);
    }

    synchronized ContainerState state() {
        boolean running = status.equals("running") || status.equals("paused") || status.equals("restarting");
        return new ContainerState(status, running, status.equals("paused"),
                status.equals("restarting"), oomKilled, status.equals("dead"), running ? pid : 0, exitCode, error,
                startedAt, finishedAt, health);
    }
}
