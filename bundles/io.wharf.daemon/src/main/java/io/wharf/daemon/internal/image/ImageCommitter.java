package io.wharf.daemon.internal.image;

import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import io.wharf.api.image.ImageReference;
import java.time.Instant;
import java.util.Map;

/**
 * The last steps every way of making an image shares, in the order that keeps a crash harmless: the config
 * blob, then the image's hold on its layers, then its record (the image becomes visible), then references.
 */
final class ImageCommitter {
    private final ContentStore content;
    private final DiskLayerStore layers;
    private final ImageCatalog catalog;
    private final ReferenceStore refs;
    private final EventService events;

    ImageCommitter(ContentStore content, DiskLayerStore layers, ImageCatalog catalog, ReferenceStore refs,
            EventService events) {
        this.content = content;
        this.layers = layers;
        this.catalog = catalog;
        this.refs = refs;
        this.events = events;
    }

    /** Stores the image and releases the staging owner's hold; returns the image ID. */
    synchronized String commit(byte[] config, String top, String stageOwner) {
        return commit(config, top, stageOwner, null);
    }

    /** As {@link #commit(byte[], String, String)}, recording a local parent image (commits, build steps). */
    synchronized String commit(byte[] config, String top, String stageOwner, String parent) {
        String id = content.put(config);
        layers.hold("image-" + ContentStore.hex(id), top);
        catalog.put(id, top, parent);
        if (stageOwner != null) {
            layers.release(stageOwner);
        }
        return id;
    }

    /** Points {@code ref} at the image; returns the image it pointed at before, or null. */
    synchronized String tag(ImageReference ref, String id) {
        String old = refs.get(ref);
        refs.put(ref, id);
        if (ref.tag().isPresent()) {
            catalog.touchTagTime(id, Instant.now().toString());
            publish("tag", id, ref.familiarString());
        }
        return old;
    }

    /**
     * An image event as dockerd logs it: the actor is an image ID or, for pull and push, the reference; the
     * attributes are the image's labels and {@code name}.
     */
    void publish(String action, String actor, String name) {
        if (events == null) {
            return;
        }
        Map<String, String> attributes = new java.util.HashMap<>();
        String id = actor.startsWith("sha256:") ? actor : refs.get(ImageReference.parse(actor).withDefaultTag());
        if (id != null) {
            catalog.get(id).ifPresent(e -> attributes.putAll(
                    ImageConfigs.labels(e.config().path("config").path("Labels"))));
        }
        if (name != null) {
            attributes.put("name", name);
        }
        events.publish(Event.now("image", action, actor, attributes));
    }
}
