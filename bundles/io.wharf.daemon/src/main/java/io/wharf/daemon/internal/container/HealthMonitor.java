package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container's health check as dockerd does: a probe every interval, each bounded by the timeout; failures
 * in the start period do not count; {@code retries} failures in a row make it unhealthy. Keeps the last five
 * probes and publishes {@code health_status} when the status changes.
 */
final class HealthMonitor implements AutoCloseable {
    private static final long DEFAULT_INTERVAL = TimeUnit.SECONDS.toNanos(30);
    private static final long DEFAULT_TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static final int DEFAULT_RETRIES = 3;
    private static final int KEEP = 5;

    private final EngineContainerService service;
    private final Container container;
    private final List<String> command;
    private final ContainerConfig.HealthConfig config;
    private final Instant started = Instant.now();
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;

    private HealthMonitor(EngineContainerService service, Container container, List<String> command,
            ContainerConfig.HealthConfig config) {
        this.service = service;
        this.container = container;
        this.command = command;
        this.config = config;
    }

    static ContainerState.Health starting() {
        return new ContainerState.Health("starting", 0, List.of());
    }

    /** Starts the probes of a running container that has a health check. */
    static void startFor(EngineContainerService service, Container c) {
        ContainerConfig.HealthConfig hc = c.config.healthcheck();
        if (hc == null || hc.test() == null || hc.test().isEmpty() || hc.test().get(0).equals("NONE")) {
            return;
        }
        List<String> cmd = switch (hc.test().get(0)) {
            case "CMD" -> hc.test().subList(1, hc.test().size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", hc.test().subList(1, hc.test().size())));
            default -> hc.test();
        };
        if (cmd.isEmpty()) {
            return;
        }
        HealthMonitor m = new HealthMonitor(service, c, cmd, hc);
        synchronized (c) {
            if (c.healthMonitor != null) {
                c.healthMonitor.close();
            }
            c.healthMonitor = m;
            if (c.health == null) {
                c.health = starting();
            }
        }
        m.schedule(m.firstDelay());
    }

    private long firstDelay() {
        long startInterval = config.startInterval() > 0 ? config.startInterval() : 0;
        return config.startPeriod() > 0 && startInterval > 0 ? startInterval : interval();
    }

    private long interval() {
        return config.interval() > 0 ? config.interval() : DEFAULT_INTERVAL;
    }

    private void schedule(long nanos) {
        if (!closed) {
            next = service.timers().schedule(() -> service.threads().submit(this::probe), nanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void probe() {
        if (closed || !container.status().equals("running")) {
            schedule(interval());
            return;
        }
        Instant start = Instant.now();
        long timeout = config.timeout() > 0 ? config.timeout() : DEFAULT_TIMEOUT;
        Execs.ProbeResult r;
        try {
            r = service.execs().probe(container, command, TimeUnit.NANOSECONDS.toMillis(timeout));
        } catch (RuntimeException e) {
            r = new Execs.ProbeResult(-1, e.getMessage());
        }
        if (closed) {
            return;
        }
        int retries = config.retries() > 0 ? config.retries() : DEFAULT_RETRIES;
        boolean inStartPeriod = config.startPeriod() > 0
                && start.isBefore(started.plusNanos(config.startPeriod()));
        String before;
        String after;
        synchronized (container) {
            ContainerState.Health h = container.health == null ? starting() : container.health;
            before = h.status();
            List<ContainerState.HealthLog> log = new ArrayList<>(h.log());
            log.add(new ContainerState.HealthLog(start.toString(), Instant.now().toString(), r.exitCode(),
                    r.output()));
            while (log.size() > KEEP) {
                log.remove(0);
            }
            int streak = h.failingStreak();
            String status = h.status();
            if (r.exitCode() == 0) {
                streak = 0;
                status = "healthy";
            } else if (!inStartPeriod || !status.equals("starting")) {
                streak++;
                if (streak >= retries) {
                    status = "unhealthy";
                }
            }
            container.health = new ContainerState.Health(status, streak, log);
            after = status;
        }
        service.store().save(container);
        if (!before.equals(after)) {
            service.publish(container, "health_status: " + after, Map.of());
        }
        boolean useStartInterval = inStartPeriod && after.equals("starting") && config.startInterval() > 0;
        schedule(useStartInterval ? config.startInterval() : interval());
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }
}
