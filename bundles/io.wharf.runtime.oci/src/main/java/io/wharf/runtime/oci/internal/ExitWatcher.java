package io.wharf.runtime.oci.internal;

import io.wharf.api.errors.NotFoundException;
import io.wharf.api.runtime.ExitStatus;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Completes exit futures by looking at conmon's exit files, which works the same for containers started before a
 * daemon restart. The exit directory is watched, so an exit is seen as soon as conmon writes it; a slow poll
 * stays as a safety net (a missed event, a directory made anew) and looks for monitors that died.
 */
final class ExitWatcher implements AutoCloseable {
    /** What a poll found: an exit status, "gone" (deleted), or nothing yet. */
    interface Probe {
        Optional<ExitStatus> exitStatus(String id);

        boolean gone(String id);

        /** An exit status for a container whose monitor died without writing one; checked less often. */
        Optional<ExitStatus> lostMonitor(String id);
    }

    /** Safety-net poll period; exits are seen through the directory watch. */
    private static final long POLL_MILLIS = 250;
    /** Polls between two checks for a lost monitor (every 2 s), which costs a runtime call. */
    private static final int LOST_MONITOR_EVERY = 8;
    private int polls;

    private final Probe probe;
    private final DirectoryEvents events;
    private final java.nio.file.Path exitDir;
    private DirectoryEvents.Subscription subscription;
    private final Map<String, CompletableFuture<ExitStatus>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    ExitWatcher(String name, Probe probe, DirectoryEvents events, java.nio.file.Path exitDir) {
        this.probe = probe;
        this.events = events;
        this.exitDir = exitDir;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-runtime-exits-" + name);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<ExitStatus> watch(String id) {
        subscribe();
        CompletableFuture<ExitStatus> future = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        check(id, future);
        return future.copy();
    }

    /** Watches the exit directory from the first container on (it exists once a container was created). */
    private synchronized void subscribe() {
        if (subscription != null || !java.nio.file.Files.isDirectory(exitDir)) {
            return;
        }
        try {
            subscription = events.watch(exitDir, this::checkAll);
        } catch (java.io.IOException e) {
            System.getLogger(ExitWatcher.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot watch " + exitDir + ", exits are seen by polling: " + e.getMessage());
        }
    }

    /** Something was written to the exit directory: look at every container waited for. */
    private void checkAll() {
        for (Map.Entry<String, CompletableFuture<ExitStatus>> e : waiting.entrySet()) {
            try {
                check(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                // one unreadable container must not stop the others from being seen
            }
            if (e.getValue().isDone()) {
                waiting.remove(e.getKey(), e.getValue());
            }
        }
    }

    /** Fails the futures of a deleted container. */
    void forget(String id) {
        CompletableFuture<ExitStatus> future = waiting.remove(id);
        if (future != null) {
            future.completeExceptionally(new NotFoundException("No such container: " + id));
        }
    }

    private void poll() {
        boolean deepCheck = ++polls % LOST_MONITOR_EVERY == 0;
        for (Iterator<Map.Entry<String, CompletableFuture<ExitStatus>>> it = waiting.entrySet().iterator();
                it.hasNext();) {
            Map.Entry<String, CompletableFuture<ExitStatus>> e = it.next();
            try {
                check(e.getKey(), e.getValue());
                if (deepCheck && !e.getValue().isDone()) {
                    probe.lostMonitor(e.getKey()).ifPresent(e.getValue()::complete);
                }
            } catch (RuntimeException ex) {
                // One unreadable container must not stop the others from being watched.
            }
            if (e.getValue().isDone()) {
                it.remove();
            }
        }
    }

    private void check(String id, CompletableFuture<ExitStatus> future) {
        Optional<ExitStatus> status = probe.exitStatus(id);
        if (status.isPresent()) {
            future.complete(status.get());
        } else if (probe.gone(id)) {
            future.completeExceptionally(new NotFoundException("No such container: " + id));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
        }
        scheduler.shutdownNow();
        waiting.values().forEach(f -> f.completeExceptionally(
                new io.wharf.api.errors.UnavailableException("the runtime driver stopped")));
        waiting.clear();
    }

}
