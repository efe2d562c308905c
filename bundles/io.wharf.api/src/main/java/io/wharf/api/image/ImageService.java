package io.wharf.api.image;

import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.PruneReport;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Platform;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The image store, as the Docker API exposes it. Names are references ({@code busybox},
 * {@code localhost:5000/x:1}, {@code name@sha256:...}) or image IDs and unique ID prefixes. Unknown images
 * throw {@code NotFoundException("No such image: NAME")}. Every change is atomic: a failed or interrupted
 * operation leaves no half-visible image.
 */
@ProviderType
public interface ImageService {
    List<ImageSummary> list(ImageListOptions options);

    ImageDetails inspect(String name);

    List<HistoryEntry> history(String name);

    /** Adds a reference; an existing reference moves to this image. */
    void tag(String name, String repo, String tag);

    /**
     * Removes references, then the image when none is left. Throws ConflictException when a container uses
     * it (unless {@code force}) or when it has several references and is named by ID.
     */
    List<DeleteResult> remove(String name, boolean force, boolean noPrune);

    /** Removes dangling images, or all unused ones when the {@code dangling=false} filter is given. */
    PruneReport prune(Filters filters);

    /**
     * Pulls from a registry, reporting per-layer progress. Concurrent pulls of one image share the work.
     *
     * @throws io.wharf.api.errors.UnauthorizedException when the registry refuses the credentials
     * @throws io.wharf.api.errors.NotFoundException when the manifest does not exist
     */
    void pull(String reference, Platform platform, Credentials credentials, ProgressListener progress);

    /** Pushes an image (one tag, or all tags of the repository when {@code tag} is null). */
    void push(String name, String tag, Credentials credentials, ProgressListener progress);

    /** Makes an image of a single layer from a tar; returns its ID. */
    String importImage(InputStream tar, ImportOptions options, ProgressListener progress);

    /** Loads a {@code docker save} (or OCI layout) tarball; reports {@code Loaded image: NAME} lines. */
    void load(InputStream tar, boolean quiet, ProgressListener progress);

    /** Writes the named images in {@code docker save} format, loadable by Docker. */
    void save(List<String> names, OutputStream out);

    /** The manifest's descriptor and platforms in the registry, for {@code GET /distribution/{name}/json}. */
    DistributionInfo distribution(String reference, Credentials credentials);

    /**
     * Makes an image that adds no layer to {@code parent} (null: an image without layers, as {@code FROM scratch})
     * but has {@code config} and one more history entry, marked {@code empty_layer}: a build's metadata-only
     * step. Returns its ID; it records {@code parent} as its parent, so it is hidden from {@code docker images}
     * until tagged. A null {@code createdBy} adds no history entry: the empty base a {@code FROM scratch} build
     * starts its first container from.
     *
     * @throws io.wharf.api.errors.NotFoundException when {@code parent} is absent
     */
    default String createImage(String parent, io.wharf.api.container.ContainerConfig config, String createdBy,
            String author) {
        throw new io.wharf.api.errors.NotImplementedException("this image store cannot create images from a config");
    }

    /**
     * Makes an image on {@code parent} (null: none) from step {@code step} (0-based, oldest first) of the history of
     * {@code source}: that entry, and its layer unless it is an empty layer, with {@code config}. This is how a
     * build reuses the steps of a {@code --cache-from} image whose own intermediate images are not local. Returns
     * the new image's ID.
     *
     * @throws io.wharf.api.errors.InvalidArgumentException when {@code source}'s layers before the step are not
     *         exactly {@code parent}'s
     */
    default String restoreStep(String parent, String source, int step, io.wharf.api.container.ContainerConfig config,
            String author) {
        throw new io.wharf.api.errors.NotImplementedException("this image store cannot reuse steps of other images");
    }

    /** {@code GET /distribution/{name}/json}'s answer. */
    record DistributionInfo(io.wharf.api.registry.Descriptor descriptor, List<Platform> platforms) {
    }
}
