package io.wharf.builder.internal;

import io.wharf.api.build.BuildOptions;
import io.wharf.api.build.BuildService;
import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.common.PruneReport;
import io.wharf.api.container.ContainerService;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The engine's {@link BuildService}: the classic builder on top of the image and container services. Builds use
 * {@code <data-root>/builder}: a private directory per build for its context (removed afterwards) and the cache.
 */
@Component(service = BuildService.class, configurationPid = EngineBuildService.PID)
public final class EngineBuildService implements BuildService {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.builder";

    /** daemon.json's {@code data-root}. */
    @interface Config {
        String data_root() default "/var/lib/wharf";
    }

    private final ImageService images;
    private final ContainerService containers;
    private final Path root;
    private final BuildCache cache;

    @Activate
    public EngineBuildService(Config config, @Reference ImageService images, @Reference ContainerService containers)
            throws IOException {
        this(Path.of(config.data_root()).resolve("builder"), images, containers);
    }

    EngineBuildService(Path root, ImageService images, ContainerService containers) throws IOException {
        this.images = images;
        this.containers = containers;
        this.root = Files.createDirectories(root);
        this.cache = new BuildCache(root.resolve("cache"));
        deleteTree(root.resolve("tmp")); // what builds cut short by a crash left
    }

    @Override
    public String build(InputStream context, BuildOptions options, ProgressListener output) {
        BuildOutput out = new BuildOutput(output, options.quiet());
        StepContainers steps = new StepContainers(containers, options, out);
        Path work = root.resolve("tmp").resolve(UUID.randomUUID().toString());
        boolean failed = true;
        try {
            Files.createDirectories(work);
            String id = new BuildRun(images, steps, cache, options, out, work).run(context);
            failed = false;
            return id;
        } catch (IOException e) {
            throw new WharfException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new WharfException(e.getCause().getMessage(), e);
        } finally {
            steps.cleanUp(failed);
            deleteTree(work);
        }
    }

    @Override
    public PruneReport prune(boolean all, Filters filters) {
        List<String> ids = cache.clear();
        List<String> deleted = new ArrayList<>();
        for (String id : ids) {
            deleted.add(id);
        }
        return new PruneReport(deleted, 0);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // left for the next start
        }
    }

    static ProgressMessage error(String message) {
        return ProgressMessage.error(message);
    }
}
