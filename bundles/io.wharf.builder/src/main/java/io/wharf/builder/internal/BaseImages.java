package io.wharf.builder.internal;

import io.wharf.api.build.BuildOptions;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageReference;
import io.wharf.api.image.ImageService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Platform;
import io.wharf.builder.internal.context.ContextArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images a build starts from or copies out of: found locally or pulled with the build's registry
 * credentials, and their files fetched through a container's archive path for {@code COPY --from}.
 */
final class BaseImages {
    private final ImageService images;
    private final StepContainers steps;
    private final BuildOptions options;
    private final BuildOutput out;

    BaseImages(ImageService images, StepContainers steps, BuildOptions options, BuildOutput out) {
        this.images = images;
        this.steps = steps;
        this.options = options;
        this.out = out;
    }

    /** A local image, pulled first when absent or when the client asked for {@code --pull}. */
    String resolve(String name, Platform platform) {
        if (!options.pull()) {
            try {
                return images.inspect(name).id();
            } catch (NotFoundException absent) {
                // pulled below
            }
        }
        ImageReference ref = ImageReference.parse(name);
        images.pull(ref.withDefaultTag().toString(), platform, credentials(ref), out::progress);
        return images.inspect(name).id();
    }

    private Credentials credentials(ImageReference ref) {
        Map<String, Credentials> auth = options.registryAuth();
        if (auth == null) {
            return Credentials.anonymous();
        }
        for (Map.Entry<String, Credentials> e : auth.entrySet()) {
            String host = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (host.equals(ref.domain()) || (ref.domain().equals("docker.io") && host.equals("index.docker.io"))) {
                return e.getValue();
            }
        }
        return Credentials.anonymous();
    }

    /**
     * Fetches the sources (paths or wildcards) out of the image's file system into {@code root}, at their paths,
     * so that {@code root} serves as the sources' tree; returns it.
     */
    Path files(String imageId, List<String> srcs, Path root) throws IOException {
        Files.createDirectories(root);
        ImageDetails d = images.inspect(imageId);
        String id = steps.create(new ContainerConfig("", "", "", false, false, false, null, false, false, false,
                null, List.of("true"), null, false, d.id(), null, "", null, false, null, null, null, null, null,
                null));
        try {
            for (String src : srcs) {
                String rel = io.wharf.builder.internal.context.ContextPaths.relative(src);
                // the path to fetch: the source itself, or the directory above its first wildcard
                List<String> parts = new ArrayList<>(List.of(rel.split("/")));
                int wild = 0;
                while (wild < parts.size() && !CopySources.hasWildcard(parts.get(wild))) {
                    wild++;
                }
                List<String> fetched = parts.subList(0, Math.min(wild, parts.size()));
                if (fetched.isEmpty() || fetched.get(0).isEmpty()) {
                    throw new InvalidArgumentException("COPY --from with a wildcard at the root is not supported: "
                            + src);
                }
                String inContainer = "/" + String.join("/", fetched);
                Path into = Files.createDirectories(root.resolve(String.join("/",
                        fetched.subList(0, fetched.size() - 1))));
                Path tmp = root.resolveSibling(root.getFileName() + ".tar");
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    steps.readTo(id, inContainer, o);
                } catch (NotFoundException e) {
                    throw new InvalidArgumentException("COPY failed: stat " + inContainer + ": file does not exist");
                }
                try (InputStream in = Files.newInputStream(tmp)) {
                    ContextArchive.extract(in, into);
                }
                Files.deleteIfExists(tmp);
            }
        } finally {
            steps.remove(id, false);
        }
        return root;
    }

}
