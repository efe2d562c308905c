package io.wharf.builder.internal;

import io.wharf.api.build.BuildOptions;
import io.wharf.api.container.AttachOptions;
import io.wharf.api.container.CommitOptions;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.ContainerService;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.OutputSink;
import io.wharf.api.container.StdStream;
import io.wharf.api.container.WaitCondition;
import io.wharf.api.container.WaitResult;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The intermediate containers of a build: one per RUN (created, attached, started, awaited, committed) and one
 * per COPY or ADD (created, filled through the archive path {@code docker cp} uses, committed), each removed
 * after its step as {@code rm} and {@code forcerm} say.
 */
final class StepContainers {
    private final ContainerService containers;
    private final BuildOptions options;
    private final BuildOutput out;
    private final List<String> left = new ArrayList<>();

    StepContainers(ContainerService containers, BuildOptions options, BuildOutput out) {
        this.containers = containers;
        this.options = options;
        this.out = out;
    }

    String create(ContainerConfig config) {
        String id = containers.create(null, new ContainerCreateRequest(config, hostConfig(), null,
                emptyToNull(options.platform()))).id();
        synchronized (left) {
            left.add(id);
        }
        return id;
    }

    /** Runs the container to its end with its output in the build's stream; returns its exit code. */
    int run(String id) {
        CountDownLatch inPlace = new CountDownLatch(1);
        Utf8Chunks stdout = new Utf8Chunks();
        Utf8Chunks stderr = new Utf8Chunks();
        OutputSink sink = new OutputSink() {
            @Override
            public void write(StdStream stream, byte[] data, int offset, int length) {
                String text = (stream == StdStream.STDERR ? stderr : stdout).next(data, offset, length);
                if (!text.isEmpty()) {
                    out.text(text);
                }
            }

            @Override
            public void flush() {
                inPlace.countDown();
            }
        };
        Thread attach = new Thread(() -> {
            try {
                containers.attach(id, new AttachOptions(false, true, true, false, true, null), null, sink);
            } catch (RuntimeException e) {
                // the output is lost, but the step's result still comes from its exit code
            } finally {
                inPlace.countDown();
            }
        }, "wharf-build-attach-" + BuildOutput.shortId(id));
        attach.setDaemon(true);
        attach.start();
        try {
            inPlace.await(30, TimeUnit.SECONDS);
            containers.start(id);
            WaitResult r = containers.await(id, WaitCondition.NOT_RUNNING).toCompletableFuture().get();
            attach.join(TimeUnit.SECONDS.toMillis(10)); // the output drains after the exit
            for (String rest : List.of(stdout.rest(), stderr.rest())) {
                if (!rest.isEmpty()) {
                    out.text(rest);
                }
            }
            return r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("the build was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new WharfException(e.getCause().getMessage());
        }
    }

    void put(String id, InputStream tar) {
        containers.putArchive(id, "/", tar, false, true);
    }

    /** True when {@code path} is a directory in the container's file system (following its symlinks). */
    boolean isDirectory(String id, String path) {
        try {
            return (containers.statPath(id, path).mode() & (1L << 31)) != 0;
        } catch (NotFoundException e) {
            return false;
        }
    }

    InputStream read(String id, String path) throws java.io.IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        containers.getArchive(id, path, buf);
        return new java.io.ByteArrayInputStream(buf.toByteArray());
    }

    void readTo(String id, String path, java.io.OutputStream sink) {
        containers.getArchive(id, path, sink);
    }

    String commit(String id, ContainerConfig imageConfig, String createdBy, String author) {
        return containers.commit(id, new CommitOptions(null, null, "", author, false, null, null, createdBy,
                imageConfig));
    }

    /** Removes the step's container; says so in the output when it ran. */
    void remove(String id, boolean announce) {
        try {
            containers.remove(id, true, true, false);
            synchronized (left) {
                left.remove(id);
            }
            if (announce) {
                out.line(" ---> Removed intermediate container " + BuildOutput.shortId(id));
            }
        } catch (RuntimeException e) {
            out.line("Could not remove intermediate container " + BuildOutput.shortId(id) + ": " + e.getMessage());
        }
    }

    /** After the build: removes what a failed step left, unless the client asked to keep it. */
    void cleanUp(boolean failed) {
        List<String> ids;
        synchronized (left) {
            ids = List.copyOf(left);
        }
        for (String id : ids) {
            if (!failed || options.remove() || options.forceRemove()) {
                remove(id, false);
            }
        }
    }

    boolean keepAfterSuccess() {
        return !options.remove() && !options.forceRemove();
    }

    void forget(String id) {
        synchronized (left) {
            left.remove(id);
        }
    }

    private HostConfig hostConfig() {
        ContainerResources r = new ContainerResources(positive(options.cpuShares()), positive(options.memory()), null,
                null, null, List.of(), List.of(), List.of(), List.of(), List.of(), positive(options.cpuPeriod()),
                positive(options.cpuQuota()), null, null, emptyToNull(options.cpusetCpus()),
                emptyToNull(options.cpusetMems()), List.of(), List.of(), null,
                options.memorySwap() == 0 ? null : options.memorySwap(), null, null, null, List.of());
        String net = options.networkMode() == null || options.networkMode().isEmpty() ? "default"
                : options.networkMode();
        return new HostConfig(null, null, null, net, null, null, false, null, null, null, null, null, null, null, null,
                null, options.extraHosts(), null, null, null, null, null, null, false, false, false, null, null,
                null, null, null, Math.max(0, options.shmSize()), null, null, null, null, null, r, null);
    }

    private static Long positive(long v) {
        return v > 0 ? v : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
