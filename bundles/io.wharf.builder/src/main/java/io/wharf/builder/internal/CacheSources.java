package io.wharf.builder.internal;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code --cache-from}: local images whose history continues the current parent's with the step about to run
 * lend that step (its history entry and layer) instead of running it, as the classic builder does for images
 * whose intermediate images were never local (pulled or loaded).
 */
final class CacheSources {
    private final ImageService images;
    private final List<String> names;
    private List<String> ids;

    CacheSources(ImageService images, List<String> names) {
        this.images = images;
        this.names = names == null ? List.of() : names;
    }

    /** The image made from a matching source's step, or null when none matches. */
    String restore(String parent, String createdBy, ContainerConfig config, String author) {
        if (names.isEmpty()) {
            return null;
        }
        List<String> before = parent == null ? List.of() : steps(parent);
        for (String source : sources()) {
            List<String> theirs = steps(source);
            if (theirs.size() <= before.size() || !theirs.subList(0, before.size()).equals(before)
                    || !theirs.get(before.size()).equals(createdBy)) {
                continue;
            }
            try {
                return images.restoreStep(parent, source, before.size(), config, author);
            } catch (InvalidArgumentException | NotFoundException differentLayers) {
                // same instructions on other layers: not a cache hit
            }
        }
        return null;
    }

    /** The sources that are local, resolved once per build; the others are ignored, as dockerd does. */
    private List<String> sources() {
        if (ids == null) {
            ids = new ArrayList<>();
            for (String n : names) {
                try {
                    ids.add(images.inspect(n).id());
                } catch (NotFoundException | InvalidArgumentException absent) {
                    // not local: no cache from it
                }
            }
        }
        return ids;
    }

    /** An image's steps as their {@code created_by}, oldest first. */
    private List<String> steps(String image) {
        List<String> out = new ArrayList<>();
        for (HistoryEntry h : images.history(image)) {
            out.add(h.createdBy() == null ? "" : h.createdBy());
        }
        Collections.reverse(out);
        return out;
    }
}
