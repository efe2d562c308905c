package io.wharf.daemon.internal.container;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.common.Subscription;
import io.wharf.api.container.AttachOptions;
import io.wharf.api.container.CommitOptions;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.ContainerService;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.CreateResult;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.ListOptions;
import io.wharf.api.container.MountSpec;
import io.wharf.api.container.OutputSink;
import io.wharf.api.container.PathStat;
import io.wharf.api.container.StatsSample;
import io.wharf.api.container.StdStream;
import io.wharf.api.container.TopResult;
import io.wharf.api.container.WaitCondition;
import io.wharf.api.container.WaitResult;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.NotModifiedException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import io.wharf.api.log.LogContext;
import io.wharf.api.log.LogDriver;
import io.wharf.api.log.LogMessage;
import io.wharf.api.log.LogQuery;
import io.wharf.api.network.NetworkNamespaces;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.RuntimeStartException;
import io.wharf.api.runtime.RuntimeState;
import io.wharf.api.runtime.StdioConnection;
import io.wharf.api.storage.StorageDriver;
import io.wharf.api.volume.VolumeService;
import io.wharf.daemon.internal.image.Image;
import io.wharf.daemon.internal.network.ContainerAttacher;
import io.wharf.daemon.internal.network.NetworkEndpoints;
import io.wharf.daemon.internal.network.NetworkRecord;
import io.wharf.daemon.internal.image.ImageStore;
import io.wharf.daemon.internal.image.ImageUsers;
import io.wharf.daemon.internal.image.LayerStore;
import io.wharf.daemon.internal.image.ReadWriteLayer;
import io.wharf.daemon.internal.volume.VolumeMounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The containers of the engine: their records on disk, their life through the runtime driver, their output
 * through the log driver, and the events of each transition. Containers outlive the daemon: at activation the
 * running ones are found again through the runtime and exited ones get their restart policy.
 */
@Component(service = {ContainerService.class, EngineContainerService.class, ImageUsers.class, ContainerCounts.class,
        ContainerAttacher.class},
        configurationPid = ContainerSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EngineContainerService implements ContainerService, ImageUsers, ContainerCounts,
        ContainerAttacher {
    private static final System.Logger LOG = System.getLogger(EngineContainerService.class.getName());
    private static final long DEFAULT_STOP_TIMEOUT = 10;
    private static final java.util.Set<String> RUNTIME_PATHS = java.util.Set.of("/dev", "/proc", "/sys",
            "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/sbin/docker-init", "/.dockerenv");

    /** Replaced by a reload, which changes only the default runtime. */
    private volatile ContainerSettings settings;
    private final DriverRegistry drivers;
    private final EventService events;
    private final ImageStore images;
    private final LayerStore layers;
    private final ContainerStore store;
    private final ContainerNames names = new ContainerNames();
    private final SpecFactory specs;
    private final DriverNetworking networking;
    private final Execs execs;
    private final ContainerViews views;
    private final ContainerMounts mounts;
    /** As a cached pool, but idle threads go after 10 s rather than 60: a burst of starts leaves no stacks behind. */
    private final ExecutorService threads = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
            TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), daemonThreads("wharf-container"));
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemonThreads("wharf-timer"));
    private final Map<String, String> logOptions;
    private volatile boolean stopping;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VolumeMounts volumeMounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VolumeService volumeService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkEndpoints networkEndpoints;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkNamespaces networkNamespaces;

    @Activate
    public EngineContainerService(ContainerSettings settings, @Reference DriverRegistry drivers,
            @Reference EventService events, @Reference ImageStore images, @Reference LayerStore layers)
            throws IOException {
        this(settings, drivers, events, images, layers, Path.of(settings.data_root()).resolve("containers"));
    }

    EngineContainerService(ContainerSettings settings, DriverRegistry drivers, EventService events,
            ImageStore images, LayerStore layers, Path root) throws IOException {
        this.settings = settings;
        this.drivers = drivers;
        this.events = events;
        this.images = images;
        this.layers = layers;
        this.store = new ContainerStore(root);
        this.specs = new SpecFactory(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")));
        this.networking = new DriverNetworking(store::get, () -> networkEndpoints, () -> networkNamespaces,
                store::all);
        this.execs = new Execs(this);
        this.views = new ContainerViews(this);
        this.mounts = new ContainerMounts(() -> volumeMounts, () -> volumeService, store::get);
        this.logOptions = LogOptions.parse(settings.log_opts());
        store.load();
        for (String id : store.torn()) {
            discardTorn(id);
        }
        timers.scheduleWithFixedDelay(this::shipLogs, 100, 100, TimeUnit.MILLISECONDS);
        threads.submit(this::restore);
    }

    /** A reload: the next container without a runtime of its own gets the new default; none is restarted. */
    @org.osgi.service.component.annotations.Modified
    void modified(ContainerSettings changed) {
        settings = changed;
    }

    /**
     * A container whose record a power cut tore (created just before it) cannot be used again: its writable
     * layer and directory go, so that neither its layer nor the image below stays held by it.
     */
    private void discardTorn(String id) {
        LOG.log(System.Logger.Level.WARNING, "discarding container " + id + ": its record was lost");
        try {
            layers.remove(id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no layer to discard for " + id + ": " + e.getMessage());
        }
        store.discard(id, Runnable::run);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        timers.shutdownNow();
        for (Container c : store.all()) {
            synchronized (c) {
                if (c.restartTimer != null) {
                    c.restartTimer.cancel(false);
                }
                if (c.healthMonitor != null) {
                    c.healthMonitor.close();
                }
                if (c.logShipper != null) {
                    c.logShipper.detach();
                    c.logOffset = c.logShipper.offset();
                    c.logShipper = null;
                }
            }
            store.save(c);
        }
        threads.shutdownNow();
    }

    // ------------------------------------------------------------------ accessors for helpers

    ContainerStore store() {
        return store;
    }

    ContainerNetworking networking() {
        return networking;
    }

    LayerStore layers() {
        return layers;
    }

    ContainerMounts mounts() {
        return mounts;
    }

    ExecutorService threads() {
        return threads;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    Execs execs() {
        return execs;
    }

    ContainerRuntime runtime(Container c) {
        String name = c.runtime == null || c.runtime.isEmpty() ? settings.default_runtime() : c.runtime;
        return drivers.find(ContainerRuntime.class, DriverKind.RUNTIME, name).orElseThrow(
                () -> new UnavailableException("runtime driver not found: " + name));
    }

    // ------------------------------------------------------------------ create

    @Override
    public CreateResult create(String name, ContainerCreateRequest request) {
        ContainerConfig cfg = request.config();
        if (cfg == null) {
            throw new InvalidArgumentException("config cannot be empty in order to create a container");
        }
        HostConfig hc = request.hostConfig() == null ? HostConfigs.empty() : HostConfigs.normalise(request.hostConfig());
        String image = cfg.image();
        if (image == null || image.isEmpty()) {
            throw new InvalidArgumentException("No image specified");
        }
        Validation.restartPolicy(hc.restartPolicy(), hc.autoRemove());
        Validation.resources(hc.resources(), true);
        IsolatedNetworking.validate(hc.networkMode());
        SharedNetwork.validate(cfg, hc);
        ContainerMounts.validate(hc);
        String runtimeName = hc.runtime() == null || hc.runtime().isEmpty() ? settings.default_runtime() : hc.runtime();
        if (drivers.find(ContainerRuntime.class, DriverKind.RUNTIME, runtimeName).isEmpty()) {
            throw new InvalidArgumentException("unknown or invalid runtime name: " + runtimeName);
        }
        String logDriver = hc.logConfig() == null || hc.logConfig().type() == null || hc.logConfig().type().isEmpty()
                ? settings.log_driver() : hc.logConfig().type();
        if (!logDriver.equals("none")) {
            LogDriver driver = drivers.find(LogDriver.class, DriverKind.LOG, logDriver).orElseThrow(
                    () -> new InvalidArgumentException("logger: no log driver named '" + logDriver + "' is registered"));
            driver.validate(hc.logConfig() == null || hc.logConfig().config() == null ? Map.of()
                    : hc.logConfig().config());
        }
        hc = HostConfigs.withLogConfig(hc, new HostConfig.LogConfig(logDriver,
                hc.logConfig() == null || hc.logConfig().config() == null || hc.logConfig().config().isEmpty()
                        && !logDriver.equals(settings.log_driver()) ? Map.of()
                        : hc.logConfig().config().isEmpty() ? logOptions : hc.logConfig().config()));
        Image img = images.resolve(image);
        ContainerConfig merged = ConfigMerge.merge(cfg, img.config(), image);
        List<String> argv = new ArrayList<>(merged.entrypoint());
        argv.addAll(merged.cmd());
        if (argv.isEmpty()) {
            throw new InvalidArgumentException("no command specified");
        }

        String id = names.newId();
        String fullName = name == null || name.isEmpty() ? names.generate(store::nameTaken)
                : ContainerNames.validate(name);
        hc = LegacyLinks.register(hc, fullName, store::get);
        store.reserve(fullName, id);
        Path dir = store.root().resolve(id);
        boolean done = false;
        try {
            Files.createDirectories(dir);
            // an --rm container's layer goes with it: it need not survive a power cut, nor be flushed at unmount
            ReadWriteLayer rw = layers.createReadWrite(id, img.id(), hc.autoRemove());
            hc = mounts.prepare(id, merged, hc);
            StoredContainer s = new StoredContainer(id, fullName, Instant.now().toString(), img.id(), image,
                    argv.get(0), List.copyOf(argv.subList(1, argv.size())), merged, hc, runtimeName, rw.driver(),
                    new StoredContainer.StoredState("created", 0, 0, "", Container.ZERO_TIME, Container.ZERO_TIME,
                            false, null),
                    0, false, false, 0);
            Container c = new Container(s, dir);
            networking.created(c, request.networks());
            store.add(c);
            done = true;
            publish(c, "create", Map.of());
            List<String> warnings = new ArrayList<>();
            ContainerResources r = hc.resources();
            if (r != null && Boolean.TRUE.equals(r.oomKillDisable()) && (r.memory() == null || r.memory() == 0)) {
                warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can "
                        + "result in the system running out of resources.");
            }
            return new CreateResult(id, warnings);
        } catch (IOException e) {
            throw new WharfException("cannot create container: " + e.getMessage(), e);
        } finally {
            if (!done) {
                store.release(fullName, id);
                try {
                    layers.remove(id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "no layer to clean up for " + id);
                }
                deleteTree(dir);
            }
        }
    }

    // ------------------------------------------------------------------ docker network connect/disconnect

    @Override
    public void connect(String container, NetworkRecord network, EndpointSettings settings) {
        Container c = store.get(container);
        synchronized (c.lifecycle) {
            networking.attach(c, network, settings);
        }
    }

    @Override
    public void disconnect(String container, NetworkRecord network, boolean force) {
        Container c = store.get(container);
        synchronized (c.lifecycle) {
            networking.detach(c, network);
        }
    }

    // ------------------------------------------------------------------ start

    @Override
    public void start(String ref) {
        Container c = store.get(ref);
        synchronized (c.lifecycle) {
            String status = c.status();
            if (status.equals("paused")) {
                throw new ConflictException("cannot start a paused container, try unpause instead");
            }
            if (status.equals("running")) {
                throw new NotModifiedException("container already started");
            }
            if (c.removing) {
                throw new ConflictException("container is marked for removal and cannot be started");
            }
            synchronized (c) {
                c.manuallyStopped = false;
                if (c.restartTimer != null) {
                    c.restartTimer.cancel(false);
                    c.restartTimer = null;
                }
            }
            doStart(c, false);
        }
    }

    /** Creates the runtime container and runs it; the caller holds the container's lifecycle lock. */
    private void doStart(Container c, boolean restart) {
        ContainerRuntime runtime = runtime(c);
        // a stopped runtime container cannot run again: create it anew
        runtime.delete(c.id);
        Path rootfs = layers.mount(c.id);
        boolean started = false;
        List<String> mountedVolumes = new ArrayList<>();
        try {
            SpecFactory.NetworkPlan plan;
            try {
                plan = networking.prepare(c);
            } catch (RuntimeStartException e) {
                throw startFailed(c, e);
            } catch (WharfException e) {
                // as dockerd: the start fails with the network's error, and --rm removes the container
                throw startFailed(c, new RuntimeStartException(e.getMessage(), RuntimeStartException.UNKNOWN));
            }
            ContainerSpec spec;
            try {
                EtcFiles.write(c, plan);
                spec = specs.build(c, rootfs, plan, mounts.binder(mountedVolumes));
            } catch (UserLookup.UnknownUserException e) {
                throw startFailed(c, new RuntimeStartException(e.getMessage(), RuntimeStartException.UNKNOWN));
            } catch (IOException e) {
                throw new WharfException("cannot prepare container " + c.id + ": " + e.getMessage(), e);
            }
            CompletableFuture<WaitResult> exit = new CompletableFuture<>();
            synchronized (c) {
                CompletableFuture<WaitResult> previous = c.nextExit;
                c.nextExit = exit;
                // waiters from before (next-exit on a created container) wait for this run's exit
                exit.whenComplete((r, t) -> previous.complete(r));
            }
            boolean tty = c.config.tty();
            IoConfig io = new IoConfig(tty, c.config.openStdin(), c.config.stdinOnce(), c.dir,
                    c.dir.resolve("container-output.log"), 0);
            try {
                runtime.create(spec, io);
            } catch (RuntimeStartException e) {
                throw startFailed(c, e);
            }
            List<CompletableFuture<StdioConnection>> waiting;
            synchronized (c) {
                waiting = new ArrayList<>(c.pendingAttach);
                c.pendingAttach.clear();
            }
            for (CompletableFuture<StdioConnection> w : waiting) {
                try {
                    w.complete(runtime.attach(c.id));
                } catch (RuntimeException e) {
                    w.completeExceptionally(e);
                }
            }
            openLog(c, restart);
            networking.connect(c, 0);
            try {
                runtime.start(c.id);
            } catch (RuntimeStartException e) {
                throw startFailed(c, e);
            }
            synchronized (c) {
                c.status = "running";
                c.pid = 0;
                c.exitCode = 0;
                c.error = "";
                c.oomKilled = false;
                c.startedAt = Instant.now().toString();
                c.finishedAt = Container.ZERO_TIME;
                c.hasBeenStarted = true;
                c.lastStart = Instant.now();
                c.run++;
                if (c.config.healthcheck() != null) {
                    c.health = HealthMonitor.starting();
                }
            }
            started = true;
            store.save(c);
            publish(c, "start", Map.of());
            int run;
            synchronized (c) {
                run = c.run;
            }
            runtime.exited(c.id).whenCompleteAsync((status, failure) -> exited(c, run, status, failure), threads);
            HealthMonitor.startFor(this, c);
        } finally {
            if (!started) {
                networking.disconnect(c);
                failPendingAttach(c);
                closeLog(c);
                VolumeMounts vm = volumeMounts;
                if (vm != null) {
                    for (String v : mountedVolumes) {
                        vm.unmount(v, c.id);
                    }
                }
                try {
                    layers.unmount(c.id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot unmount " + c.id + ": " + e.getMessage());
                }
                if (c.hostConfig.autoRemove()) {
                    threads.submit(() -> removeQuietly(c)); // whatever failed, as dockerd: the client waits for it
                }
            }
        }
    }

    /** Records a command that could not run as dockerd does: exited with 127/126/128 and the runtime's message. */
    private RuntimeException startFailed(Container c, RuntimeStartException e) {
        synchronized (c) {
            c.status = c.hasBeenStarted ? "exited" : "created";
            c.exitCode = e.exitCode();
            c.error = e.getMessage();
            c.finishedAt = Instant.now().toString();
            if (c.hasBeenStarted) {
                c.status = "exited";
            }
        }
        store.save(c);
        runtime(c).delete(c.id);
        publish(c, "die", Map.of("exitCode", Integer.toString(e.exitCode())));
        WaitResult r = new WaitResult(e.exitCode(), null);
        CompletableFuture<WaitResult> f;
        synchronized (c) {
            f = c.nextExit;
            c.nextExit = new CompletableFuture<>();
        }
        f.complete(r);
        if (c.hostConfig.autoRemove()) {
            threads.submit(() -> removeQuietly(c));
        }
        return e;
    }

    private void failPendingAttach(Container c) {
        List<CompletableFuture<StdioConnection>> waiting;
        synchronized (c) {
            waiting = new ArrayList<>(c.pendingAttach);
            c.pendingAttach.clear();
        }
        waiting.forEach(w -> w.completeExceptionally(new ConflictException("container did not start")));
    }

    // ------------------------------------------------------------------ exit, restart policy, auto-remove

    private void exited(Container c, int run, ExitStatus status, Throwable failure) {
        if (failure != null && !stopping && unwrap(failure) instanceof UnavailableException) {
            // the runtime driver went away (stopped, updated) while the container runs on under conmon: watch for
            // this run's exit again once a driver of that name is back; an exit meanwhile is on file for it
            rewatchLater(c, run);
            return;
        }
        if (failure != null || stopping) {
            return; // deleted under us (removal), or the daemon is going: the next one finds the exit
        }
        // a restart by request stops the container in this thread: an --rm container is kept through it
        boolean autoRemove = c.hostConfig.autoRemove() && !c.restartingByRequest;
        boolean restartIt;
        long delay;
        synchronized (c.lifecycle) {
            synchronized (c) {
                // an earlier run's exit, reported late, is not this run's
                if (c.run != run || !c.status.equals("running") && !c.status.equals("paused")) {
                    return;
                }
                c.status = "exited";
                c.exitCode = status.exitCode();
                c.oomKilled = status.oomKilled();
                c.finishedAt = (status.finishedAt() == null ? Instant.now() : status.finishedAt()).toString();
                c.pid = 0;
                if (c.healthMonitor != null) {
                    c.healthMonitor.close();
                    c.healthMonitor = null;
                }
            }
            closeLog(c);
            // An auto-removed container's runtime state goes anyway: its runtime call overlaps the unmount.
            CompletableFuture<Void> runtimeDeleted = autoRemove ? CompletableFuture.runAsync(
                    () -> runtime(c).delete(c.id), threads).exceptionally(e -> null) : null;
            networking.disconnect(c);
            execs.containerExited(c);
            unmountAll(c);
            if (status.oomKilled()) {
                publish(c, "oom", Map.of());
            }
            publish(c, "die", Map.of("exitCode", Integer.toString(status.exitCode())));
            restartIt = shouldRestart(c, status.exitCode());
            delay = restartIt ? backoff(c) : 0;
            synchronized (c) {
                if (restartIt) {
                    c.status = "restarting";
                }
            }
            store.save(c);
            if (runtimeDeleted != null) {
                runtimeDeleted.join();
            }
            if (!restartIt && !autoRemove) {
                // Off this thread, but under the lifecycle lock and only if no later run has begun: a restart
                // creates the runtime's state afresh and must not see it deleted under it.
                threads.submit(() -> {
                    synchronized (c.lifecycle) {
                        synchronized (c) {
                            if (c.run != run || c.isRunning() || c.status.equals("restarting")) {
                                return;
                            }
                        }
                        try {
                            runtime(c).delete(c.id);
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.DEBUG, "runtime delete of " + c.id + ": " + e.getMessage());
                        }
                    }
                });
            }
        }
        // as dockerd, also when the policy restarts it: a wait returns at this exit, with this exit's code
        CompletableFuture<WaitResult> f;
        synchronized (c) {
            f = c.nextExit;
            c.nextExit = new CompletableFuture<>();
        }
        f.complete(new WaitResult(status.exitCode(), null));
        if (restartIt) {
            synchronized (c) {
                c.restartTimer = timers.schedule(() -> threads.submit(() -> restartByPolicy(c)), delay,
                        TimeUnit.MILLISECONDS);
            }
        } else if (autoRemove) {
            removeQuietly(c);
        }
    }

    private static final long REWATCH_MILLIS = 500;

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void rewatchLater(Container c, int run) {
        try {
            timers.schedule(() -> rewatch(c, run), REWATCH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException gone) {
            // the service is stopping: the next activation restores the container
        }
    }

    /** Subscribes to the exit of run {@code run} again, when its runtime driver is back; retried until then. */
    private void rewatch(Container c, int run) {
        if (stopping) {
            return;
        }
        synchronized (c) {
            if (c.run != run || !c.status.equals("running") && !c.status.equals("paused")) {
                return; // stopped, restarted or removed meanwhile: that path took care of the exit
            }
        }
        try {
            runtime(c).exited(c.id).whenCompleteAsync((status, failure) -> exited(c, run, status, failure), threads);
        } catch (UnavailableException e) {
            rewatchLater(c, run);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch " + c.id + " again: " + e.getMessage());
        }
    }

    private void unmountAll(Container c) {
        VolumeMounts vm = volumeMounts;
        if (vm != null) {
            for (String v : volumeNames(c)) {
                try {
                    vm.unmount(v, c.id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "unmount of volume " + v + ": " + e.getMessage());
                }
            }
        }
        try {
            layers.unmount(c.id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot unmount " + c.id + ": " + e.getMessage());
        }
    }

    static List<String> volumeNames(Container c) {
        return ContainerMounts.volumeNames(c.hostConfig);
    }

    private boolean shouldRestart(Container c, int exitCode) {
        HostConfig.RestartPolicy p = c.hostConfig.restartPolicy();
        if (p == null || stopping || c.removing) {
            return false;
        }
        synchronized (c) {
            if (c.manuallyStopped) {
                return false;
            }
            return switch (p.name() == null ? "no" : p.name()) {
                case "always", "unless-stopped" -> true;
                case "on-failure" -> exitCode != 0
                        && (p.maximumRetryCount() == 0 || c.restartCount < p.maximumRetryCount());
                default -> false;
            };
        }
    }

    /** dockerd's back-off: 100 ms doubling up to a minute, back to 100 ms after a run of 10 s or more. */
    private long backoff(Container c) {
        synchronized (c) {
            boolean longRun = c.lastStart != null && Duration.between(c.lastStart, Instant.now()).toSeconds() >= 10;
            if (longRun) {
                c.restartDelay = 0;
            }
            c.restartDelay = c.restartDelay == 0 ? 100 : Math.min(c.restartDelay * 2, 60_000);
            return c.restartDelay;
        }
    }

    private void restartByPolicy(Container c) {
        synchronized (c.lifecycle) {
            synchronized (c) {
                c.restartTimer = null;
                if (!c.status.equals("restarting") || c.removing || stopping) {
                    return;
                }
                c.restartCount++;
            }
            try {
                doStart(c, true);
                publish(c, "restart", Map.of());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restarting " + c.id + " failed: " + e.getMessage());
                synchronized (c) {
                    c.status = "exited";
                    c.error = e.getMessage();
                }
                store.save(c);
                CompletableFuture<WaitResult> f;
                synchronized (c) {
                    f = c.nextExit;
                    c.nextExit = new CompletableFuture<>();
                }
                f.complete(new WaitResult(c.exitCode, e.getMessage()));
            }
        }
    }

    private void removeQuietly(Container c) {
        try {
            doRemove(c, true, true);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auto-removing " + c.id + " failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ stop, kill, restart, pause

    @Override
    public void stop(String ref, String signal, Integer timeoutSeconds) {
        Container c = store.get(ref);
        synchronized (c.lifecycle) {
            if (!c.isRunning()) {
                throw new NotModifiedException("container already stopped");
            }
            doStop(c, signal, timeoutSeconds);
        }
    }

    private void doStop(Container c, String signal, Integer timeoutSeconds) {
        int run;
        synchronized (c) {
            run = c.run;
            c.manuallyStopped = true;
            if (c.restartTimer != null) {
                c.restartTimer.cancel(false);
                c.restartTimer = null;
                if (c.status.equals("restarting")) {
                    c.status = "exited";
                    store.save(c);
                    return;
                }
            }
        }
        store.save(c);
        // The runtime's own exit signal, not the container's: the container's is completed by exited(), which
        // needs the lifecycle lock this thread holds, so it is run here once the process is gone.
        CompletableFuture<ExitStatus> exit = runtime(c).exited(c.id).toCompletableFuture();
        String sig = signal != null && !signal.isEmpty() ? signal
                : c.config.stopSignal() != null && !c.config.stopSignal().isEmpty() ? c.config.stopSignal() : "SIGTERM";
        long timeout = timeoutSeconds != null ? timeoutSeconds
                : c.config.stopTimeout() != null ? c.config.stopTimeout() : DEFAULT_STOP_TIMEOUT;
        ContainerRuntime runtime = runtime(c);
        int signo = Signals.parse(sig);
        boolean paused = c.isPaused();
        try {
            publish(c, "kill", Map.of("signal", Integer.toString(signo)));
            runtime.kill(c.id, signo, false);
            if (paused) {
                runtime.resume(c.id);
            }
        } catch (ConflictException e) {
            // exited meanwhile
        }
        if (timeout != 0) {
            try {
                ExitStatus status = timeout < 0 ? exit.get() : exit.get(timeout, TimeUnit.SECONDS);
                exited(c, run, status, null);
                publish(c, "stop", Map.of());
                return;
            } catch (TimeoutException e) {
                // on to SIGKILL
            } catch (Exception e) {
                throw new WharfException("waiting for " + c.id + " to stop failed: " + e.getMessage(), e);
            }
        }
        try {
            publish(c, "kill", Map.of("signal", "9"));
            runtime.kill(c.id, 9, true);
        } catch (ConflictException e) {
            // exited meanwhile
        }
        ExitStatus status;
        try {
            status = exit.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new WharfException("container " + c.id + " did not exit after SIGKILL", e);
        }
        exited(c, run, status, null);
        publish(c, "stop", Map.of());
    }

    @Override
    public void restart(String ref, String signal, Integer timeoutSeconds) {
        Container c = store.get(ref);
        synchronized (c.lifecycle) {
            if (c.isRunning()) {
                // as dockerd: an --rm container that is restarted is kept, not removed by its stop
                c.restartingByRequest = true;
                try {
                    doStop(c, signal, timeoutSeconds);
                } finally {
                    c.restartingByRequest = false;
                }
            }
            synchronized (c) {
                c.manuallyStopped = false;
            }
            doStart(c, false);
            publish(c, "restart", Map.of());
        }
    }

    @Override
    public void kill(String ref, String signal) {
        Container c = store.get(ref);
        String st = c.status();
        if (!st.equals("running") && !st.equals("paused")) {
            throw new ConflictException("Cannot kill container: " + ref + ": Container " + c.id + " is not running");
        }
        int signo = Signals.parse(signal == null || signal.isEmpty() ? "SIGKILL" : signal);
        if (signo == 9 || signo == 15 || signo == 2) {
            synchronized (c) {
                c.manuallyStopped = !c.hostConfig.restartPolicy().name().equals("always")
                        && !c.hostConfig.restartPolicy().name().equals("on-failure")
                        && !c.hostConfig.restartPolicy().name().equals("unless-stopped") || c.manuallyStopped;
            }
        }
        CompletableFuture<WaitResult> exit;
        synchronized (c) {
            exit = c.nextExit;
        }
        boolean paused = c.isPaused();
        try {
            runtime(c).kill(c.id, signo, false);
            if (paused && signo == 9) {
                runtime(c).resume(c.id); // a frozen process takes its SIGKILL only when thawed
            }
        } catch (ConflictException e) {
            throw new ConflictException("Cannot kill container: " + ref + ": Container " + c.id + " is not running");
        }
        publish(c, "kill", Map.of("signal", Integer.toString(signo)));
        if (signo == 9) {
            // as dockerd: a SIGKILL returns once the exit is recorded, so that inspect and rm see it ended
            try {
                exit.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "container " + c.id + " did not report its exit after SIGKILL");
            }
        }
    }

    @Override
    public void pause(String ref) {
        Container c = store.get(ref);
        synchronized (c.lifecycle) {
            String st = c.status();
            if (st.equals("paused")) {
                throw new ConflictException("Container " + c.id + " is already paused");
            }
            if (!st.equals("running")) {
                throw new ConflictException("Container " + c.id + " is not running");
            }
            runtime(c).pause(c.id);
            synchronized (c) {
                c.status = "paused";
            }
            store.save(c);
            publish(c, "pause", Map.of());
        }
    }

    @Override
    public void unpause(String ref) {
        Container c = store.get(ref);
        synchronized (c.lifecycle) {
            if (!c.status().equals("paused")) {
                throw new ConflictException("Container " + c.id + " is not paused");
            }
            runtime(c).resume(c.id);
            synchronized (c) {
                c.status = "running";
            }
            store.save(c);
            publish(c, "unpause", Map.of());
        }
    }

    @Override
    public CompletionStage<WaitResult> await(String ref, WaitCondition condition) {
        Container c;
        try {
            c = store.get(ref);
        } catch (NotFoundException e) {
            return CompletableFuture.failedFuture(e);
        }
        synchronized (c) {
            return switch (condition) {
                case REMOVED -> c.removed;
                case NEXT_EXIT -> c.nextExit;
                case NOT_RUNNING -> c.isRunning() ? c.nextExit
                        : CompletableFuture.completedFuture(new WaitResult(c.exitCode, null));
            };
        }
    }

    // ------------------------------------------------------------------ remove, rename, update, prune

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes, boolean removeLink) {
        if (removeLink) {
            LegacyLinks.unlink(ref, store::get, store::save);
            return;
        }
        Container c = store.get(ref);
        doRemove(c, force, removeVolumes);
    }

    private void doRemove(Container c, boolean force, boolean removeVolumes) {
        synchronized (c.lifecycle) {
            synchronized (c) {
                if (c.removing) {
                    if (!store.all().contains(c)) {
                        return;
                    }
                    throw new ConflictException("removal of container " + c.id + " is already in progress");
                }
                if ((c.status.equals("running") || c.status.equals("paused")) && !force) {
                    throw new ConflictException("cannot remove container \"" + c.name + "\": container is "
                            + c.status + ": stop the container before removing or force remove");
                }
                c.removing = true;
                if (c.restartTimer != null) {
                    c.restartTimer.cancel(false);
                }
            }
            try {
                ContainerRuntime runtime = runtime(c);
                boolean wasRunning = c.isRunning() && !c.status().equals("restarting");
                if (wasRunning) {
                    // The runtime's exit, not the container's: that one is completed by exited(), which waits for
                    // the lifecycle lock held here, so waiting for it took the whole 30 s every time.
                    CompletableFuture<ExitStatus> exit;
                    try {
                        exit = runtime.exited(c.id).toCompletableFuture();
                    } catch (NotFoundException e) {
                        exit = CompletableFuture.failedFuture(e);
                    }
                    try {
                        runtime.kill(c.id, 9, true);
                        publish(c, "kill", Map.of("signal", "9"));
                    } catch (ConflictException e) {
                        // already gone
                    }
                    try {
                        exit.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.WARNING, "container " + c.id + " did not report its exit");
                    }
                }
                if (wasRunning && c.isRunning()) {
                    // the exit handler skips removing containers: do its work
                    closeLog(c);
                    networking.disconnect(c);
                    unmountAll(c);
                    publish(c, "die", Map.of("exitCode", "137"));
                }
                runtime.delete(c.id);
            } catch (UnavailableException e) {
                // the runtime is gone: nothing of it to delete
            }
            execs.containerRemoved(c);
            layers.remove(c.id);
            VolumeMounts vm = volumeMounts;
            if (vm != null) {
                for (String v : volumeNames(c)) {
                    vm.release(v, c.id);
                }
            }
            if (removeVolumes) {
                removeAnonymousVolumes(c);
            }
            networking.disconnect(c);
            store.remove(c);
            store.discard(c.id, threads);
            synchronized (c) {
                c.status = "removed";
            }
            publish(c, "destroy", Map.of());
            CompletableFuture<WaitResult> exit;
            synchronized (c) {
                exit = c.nextExit;
            }
            exit.complete(new WaitResult(c.exitCode, null));
            c.removed.complete(new WaitResult(c.exitCode, null));
        }
    }

    private void removeAnonymousVolumes(Container c) {
        VolumeService vs = volumeService;
        if (vs == null) {
            return;
        }
        for (MountSpec m : SpecFactory.list(c.hostConfig.mounts())) {
            if (m.type().equals("volume") && m.source() != null && m.source().length() == 64
                    && m.volumeOptions() != null && !SpecFactory.list(c.hostConfig.binds()).contains(m.source())) {
                try {
                    if (vs.inspect(m.source()).labels().containsKey("com.docker.volume.anonymous")) {
                        vs.remove(m.source(), false);
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "volume " + m.source() + " not removed: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void rename(String ref, String newName) {
        Container c = store.get(ref);
        if (newName == null || newName.isEmpty()) {
            throw new InvalidArgumentException("Neither old nor new names may be empty");
        }
        String full = ContainerNames.validate(newName);
        String old;
        synchronized (c) {
            old = c.name;
        }
        if (old.equals(full)) {
            throw new ConflictException("Renaming a container with the same name as its current name");
        }
        store.reserve(full, c.id);
        synchronized (c) {
            c.name = full;
        }
        store.release(old, c.id);
        store.save(c);
        publish(c, "rename", Map.of("oldName", old));
    }

    @Override
    public List<String> update(String ref, ContainerResources resources, HostConfig.RestartPolicy restartPolicy) {
        Container c = store.get(ref);
        Validation.resources(resources, false);
        if (restartPolicy != null && restartPolicy.name() != null && !restartPolicy.name().isEmpty()) {
            Validation.restartPolicy(restartPolicy, c.hostConfig.autoRemove());
        }
        synchronized (c.lifecycle) {
            ContainerResources merged = HostConfigs.mergeResources(SpecFactory.resources(c.hostConfig), resources);
            if (merged.memory() != null && merged.memory() > 0 && merged.memorySwap() != null
                    && merged.memorySwap() > 0 && merged.memorySwap() < merged.memory()) {
                throw new InvalidArgumentException("Memory limit should be smaller than already set memoryswap limit, "
                        + "update the memoryswap at the same time");
            }
            if (c.status().equals("running") || c.status().equals("paused")) {
                runtime(c).update(c.id, SpecFactory.resources(resources == null ? ContainerResources.NONE : resources));
            }
            synchronized (c) {
                c.hostConfig = HostConfigs.withResources(c.hostConfig, merged);
                if (restartPolicy != null && restartPolicy.name() != null && !restartPolicy.name().isEmpty()) {
                    c.hostConfig = HostConfigs.withRestartPolicy(c.hostConfig, restartPolicy);
                }
            }
            store.save(c);
        }
        publish(c, "update", Map.of());
        return List.of();
    }

    @Override
    public PruneReport prune(Filters filters) {
        filters.validate(java.util.Set.of("until", "label", "label!"));
        Instant until = filters.has("until") ? Times.parseUntil(filters.get("until").iterator().next()) : null;
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Container c : store.all()) {
            if (c.isRunning() || c.status().equals("removing")) {
                continue;
            }
            if (!filters.labelsMatch("label", c.config.labels())) {
                continue;
            }
            if (filters.has("label!") && !filters.get("label!").isEmpty()) {
                boolean excluded = false;
                for (String l : filters.get("label!")) {
                    int eq = l.indexOf('=');
                    String k = eq < 0 ? l : l.substring(0, eq);
                    if (c.config.labels().containsKey(k) && (eq < 0 || l.substring(eq + 1).equals(c.config.labels().get(k)))) {
                        excluded = true;
                    }
                }
                if (excluded) {
                    continue;
                }
            }
            if (until != null && Instant.parse(c.created).isAfter(until)) {
                continue;
            }
            long size = 0;
            try {
                size = layers.size(c.id);
            } catch (RuntimeException e) {
                // unknown size
            }
            try {
                doRemove(c, false, false);
                deleted.add(c.id);
                reclaimed += size;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "prune skipped " + c.id + ": " + e.getMessage());
            }
        }
        events.publish(Event.now("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed))));
        return new PruneReport(deleted, reclaimed);
    }

    // ------------------------------------------------------------------ inspection

    @Override
    public ContainerDetails inspect(String ref, boolean size) {
        return views.details(store.get(ref), size);
    }

    @Override
    public List<ContainerSummary> list(ListOptions options) {
        return views.list(options);
    }

    /** The main process's PID on the host, asked of the runtime once per run. */
    int pid(Container c) {
        synchronized (c) {
            if (c.pid > 0 || !(c.status.equals("running") || c.status.equals("paused"))) {
                return c.pid;
            }
        }
        try {
            RuntimeState st = runtime(c).state(c.id);
            synchronized (c) {
                if (c.status.equals("running") || c.status.equals("paused")) {
                    c.pid = st.pid();
                }
                return c.pid;
            }
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public TopResult top(String ref, String psArgs) {
        Container c = store.get(ref);
        if (!c.status().equals("running") && !c.status().equals("paused")) {
            throw new ConflictException("Container " + c.id + " is not running");
        }
        return Top.run(runtime(c).pids(c.id), psArgs);
    }

    @Override
    public List<StorageDriver.Change> changes(String ref) {
        Container c = store.get(ref);
        // the mount points the runtime creates for every container are not the user's changes
        return layers.changes(c.id).stream().filter(ch -> !RUNTIME_PATHS.contains(ch.path())
                && !ch.path().startsWith("/dev/") && !ch.path().startsWith("/proc/")
                && !ch.path().startsWith("/sys/")).toList();
    }

    @Override
    public void export(String ref, OutputStream out) {
        Container c = store.get(ref);
        Path root = layers.mount(c.id);
        try {
            Archives.writeTree(root, out);
            publish(c, "export", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            layers.unmount(c.id);
        }
    }

    @Override
    public Subscription stats(String ref, boolean stream, Consumer<StatsSample> sink, Runnable done) {
        Container c = store.get(ref);
        return Stats.start(this, c, stream, sink, done);
    }

    @Override
    public Subscription logs(String ref, LogQuery query, Consumer<LogMessage> sink, Runnable done) {
        Container c = store.get(ref);
        HostConfig.LogConfig lc = c.hostConfig.logConfig();
        String driverName = lc == null || lc.type() == null ? settings.log_driver() : lc.type();
        LogDriver driver = drivers.find(LogDriver.class, DriverKind.LOG, driverName).orElseThrow(
                () -> new UnavailableException("log driver not found: " + driverName));
        if (!driver.canRead()) {
            throw new io.wharf.api.errors.NotImplementedException("configured logging driver does not support "
                    + "reading");
        }
        boolean live;
        synchronized (c) {
            live = c.logShipper != null;
            if (live) {
                c.logShipper.drain();
            }
        }
        LogQuery q = live ? query : new LogQuery(query.sinceNano(), query.untilNano(), query.tail(), false,
                query.stdout(), query.stderr());
        return driver.read(logContext(c), q, sink, done);
    }

    LogContext logContext(Container c) {
        HostConfig.LogConfig lc = c.hostConfig.logConfig();
        return new LogContext(c.id, c.bareName(), c.imageName, c.dir,
                lc == null || lc.config() == null ? Map.of() : lc.config(), ConfigMerge.map(c.config.labels()));
    }

    private void openLog(Container c, boolean restart) {
        HostConfig.LogConfig lc = c.hostConfig.logConfig();
        String driverName = lc == null || lc.type() == null ? settings.log_driver() : lc.type();
        if (driverName.equals("none")) {
            return;
        }
        LogDriver driver = drivers.find(LogDriver.class, DriverKind.LOG, driverName).orElseThrow(
                () -> new UnavailableException("log driver not found: " + driverName));
        Path output = c.dir.resolve("container-output.log");
        long offset;
        synchronized (c) {
            offset = c.logOffset;
        }
        // each run's monitor starts a new output file: start from its beginning
        try {
            if (!Files.exists(output) || Files.size(output) < offset) {
                offset = 0;
            }
        } catch (IOException e) {
            offset = 0;
        }
        LogShipper shipper = new LogShipper(output, offset, driver.open(logContext(c)));
        synchronized (c) {
            c.logShipper = shipper;
        }
    }

    private void closeLog(Container c) {
        LogShipper s;
        synchronized (c) {
            s = c.logShipper;
            c.logShipper = null;
        }
        if (s != null) {
            s.close();
            synchronized (c) {
                c.logOffset = s.offset();
            }
        }
    }

    private void shipLogs() {
        for (Container c : store.all()) {
            LogShipper s;
            synchronized (c) {
                s = c.logShipper;
            }
            if (s != null) {
                try {
                    s.drain();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "shipping the log of " + c.id + " failed: " + e.getMessage());
                }
            }
        }
    }

    // ------------------------------------------------------------------ attach

    @Override
    public void attach(String ref, AttachOptions options, InputStream stdin, OutputSink out) {
        Container c = store.get(ref);
        if (c.isPaused()) {
            throw new ConflictException("You cannot attach to a paused container, unpause it first");
        }
        byte[] keys = DetachKeys.parse(options.detachKeys());
        if (!options.stream()) {
            flushQuietly(out);
            if (options.logs()) {
                replayLogs(c, options, out);
            }
            return;
        }
        CompletableFuture<StdioConnection> conn = new CompletableFuture<>();
        boolean alreadyExited = false;
        synchronized (c.lifecycle) {
            String status = c.status();
            if (status.equals("running")) {
                try {
                    conn.complete(runtime(c).attach(c.id));
                } catch (ConflictException e) {
                    alreadyExited = true; // its monitor is gone: the exit is being recorded right now
                }
            } else if (status.equals("created") || status.equals("restarting")) {
                synchronized (c) {
                    c.pendingAttach.add(conn);
                }
            } else {
                alreadyExited = true;
            }
        }
        // in place: the front end may now tell the client, who then starts the container
        flushQuietly(out);
        if (options.logs()) {
            replayLogs(c, options, out);
        }
        publish(c, "attach", Map.of());
        if (alreadyExited) {
            // The process is already gone (a short command whose start overtook the attach): what it wrote
            // is in the log, so that is what the client gets.
            if (!options.logs()) {
                replayLogs(c, options, out);
            }
            return;
        }
        StdioConnection connection;
        try {
            connection = conn.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            return; // the start failed; the start call reports why
        }
        try (connection) {
            boolean closeStdin = c.config.stdinOnce();
            boolean detached = StreamPump.run(connection, options.stdin() ? stdin : null, out, options.stdout(),
                    options.stderr() && !c.config.tty(), keys, closeStdin, threads);
            if (detached) {
                publish(c, "detach", Map.of());
            }
        }
    }

    private static void flushQuietly(OutputSink out) {
        try {
            out.flush();
        } catch (IOException e) {
            // the client is gone; the pump notices
        }
    }

    private void replayLogs(Container c, AttachOptions options, OutputSink out) {
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (Subscription s = logs(c.id, new LogQuery(0, 0, -1, false, options.stdout(), options.stderr()), m -> {
            try {
                out.write(m.source().equals("stderr") ? StdStream.STDERR : StdStream.STDOUT, m.line(), 0,
                        m.line().length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> end.complete(null))) {
            end.get(60, TimeUnit.SECONDS);
            out.flush();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "log replay for attach ended: " + e.getMessage());
        }
    }

    @Override
    public void resize(String ref, int height, int width) {
        Container c = store.get(ref);
        if (!c.status().equals("running") && !c.status().equals("paused")) {
            throw new ConflictException("Container " + c.id + " is not running");
        }
        runtime(c).resize(c.id, height, width);
        publish(c, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    // ------------------------------------------------------------------ files

    @Override
    public PathStat statPath(String ref, String path) {
        Container c = store.get(ref);
        Path root = layers.mount(c.id);
        try {
            return Archives.stat(root, c, path);
        } finally {
            layers.unmount(c.id);
        }
    }

    @Override
    public PathStat getArchive(String ref, String path, OutputStream out) {
        Container c = store.get(ref);
        Path root = layers.mount(c.id);
        try {
            return Archives.get(root, c, path, out);
        } finally {
            layers.unmount(c.id);
        }
    }

    @Override
    public void putArchive(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        Container c = store.get(ref);
        if (c.hostConfig.readonlyRootfs()) {
            throw new io.wharf.api.errors.ForbiddenException("container rootfs is marked read-only");
        }
        Path root = layers.mount(c.id);
        try {
            Archives.put(root, c, path, tar, noOverwriteDirNonDir);
        } finally {
            layers.unmount(c.id);
        }
    }

    @Override
    public String commit(String ref, CommitOptions options) {
        Container c = store.get(ref);
        boolean pause = options.pause() && c.status().equals("running");
        if (pause) {
            pause(c.id);
        }
        try {
            ContainerConfig cfg = options.config() == null ? c.config : ConfigMerge.merge(options.config(), c.config,
                    c.config.image());
            cfg = CommitChanges.apply(cfg, options.changes());
            if (options.imageConfig() != null) {
                cfg = options.imageConfig();   // a build step: the image keeps the build's config, not the RUN's
            }
            String imageId = images.commit(c.id, new io.wharf.daemon.internal.image.CommitRequest(cfg,
                    options.author(), options.comment(), options.createdBy() == null ? "" : options.createdBy(),
                    false, options.repo(), options.tag()));
            publish(c, "commit", Map.of("comment", options.comment() == null ? "" : options.comment()));
            return imageId;
        } finally {
            if (pause) {
                unpause(c.id);
            }
        }
    }

    // ------------------------------------------------------------------ image users, counts

    @Override
    public List<User> users(String imageId) {
        List<User> users = new ArrayList<>();
        for (Container c : store.all()) {
            if (c.imageId.equals(imageId)) {
                users.add(new User(c.id, c.isRunning()));
            }
        }
        return users;
    }

    @Override
    public Counts counts() {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        for (Container c : store.all()) {
            switch (c.status()) {
                case "running", "restarting" -> running++;
                case "paused" -> paused++;
                default -> stopped++;
            }
        }
        return new Counts(running + paused + stopped, running, paused, stopped);
    }

    @Override
    public List<io.wharf.api.system.DiskUsage.ContainerUsage> usage() {
        List<io.wharf.api.system.DiskUsage.ContainerUsage> out = new ArrayList<>();
        for (Container c : store.all()) {
            ContainerSummary s = views.summary(c, true);
            out.add(new io.wharf.api.system.DiskUsage.ContainerUsage(s.id(), s.names(), s.image(), s.imageId(),
                    s.command(), s.created(), s.state(), s.status(), s.sizeRw(), s.sizeRootFs()));
        }
        return out;
    }

    // ------------------------------------------------------------------ live restore

    /**
     * Finds the running containers again through their runtimes, carries on with their logs and exits, and gives
     * containers that stopped while the daemon was away their true exit code and restart policy.
     */
    private void restore() {
        Map<String, List<String>> known = new HashMap<>();
        for (Container c : store.all()) {
            if (stopping) {
                return;
            }
            String st = c.status();
            boolean wasUp = st.equals("running") || st.equals("paused") || st.equals("restarting");
            boolean policyStart = !c.manuallyStopped && c.hostConfig.restartPolicy() != null
                    && (c.hostConfig.restartPolicy().name().equals("always")
                    || c.hostConfig.restartPolicy().name().equals("unless-stopped"));
            if (!wasUp && !policyStart) {
                continue;
            }
            ContainerRuntime runtime = awaitRuntime(c);
            if (runtime == null) {
                LOG.log(System.Logger.Level.WARNING, "cannot restore " + c.id + ": its runtime is not registered");
                continue;
            }
            try {
                synchronized (c.lifecycle) {
                    List<String> ids = known.computeIfAbsent(c.runtime, k -> runtime.list());
                    RuntimeState state = ids.contains(c.id) ? runtime.state(c.id) : null;
                    if (state != null && (state.status() == RuntimeState.Status.RUNNING
                            || state.status() == RuntimeState.Status.PAUSED)) {
                        synchronized (c) {
                            c.status = state.status() == RuntimeState.Status.PAUSED ? "paused" : "running";
                            c.pid = state.pid();
                            c.lastStart = Instant.now();
                        }
                        // the root stays mounted with its count on disk from the earlier daemon: released at exit
                        openLog(c, true);
                        store.save(c);
                        int run = c.run;
                        runtime.exited(c.id).whenCompleteAsync((s, f) -> exited(c, run, s, f), threads);
                        HealthMonitor.startFor(this, c);
                    } else if (wasUp && state != null && state.exitCode() != null) {
                        // it ended while we were away: one exit, with its own code, then the policy
                        synchronized (c) {
                            c.status = "running";
                        }
                        exited(c, c.run, new ExitStatus(state.exitCode(), state.finishedAt(), state.oomKilled()), null);
                    } else if (policyStart || wasUp) {
                        synchronized (c) {
                            c.status = "exited";
                            if (wasUp) {
                                c.exitCode = 255;
                            }
                        }
                        store.save(c);
                        if (policyStart) {
                            doStart(c, true);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restoring container " + c.id + " failed: " + e.getMessage());
            }
        }
    }

    private ContainerRuntime awaitRuntime(Container c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stopping && System.nanoTime() < deadline) {
            try {
                return runtime(c);
            } catch (UnavailableException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    void publish(Container c, String action, Map<String, String> extra) {
        Map<String, String> attrs = new LinkedHashMap<>(ConfigMerge.map(c.config.labels()));
        attrs.put("image", c.imageName);
        attrs.put("name", c.bareName());
        attrs.putAll(extra);
        events.publish(Event.now("container", action, c.id, attrs));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
