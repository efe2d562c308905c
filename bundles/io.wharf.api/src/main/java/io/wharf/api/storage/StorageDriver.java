package io.wharf.api.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage (graph) driver: a set of layers, each a directory tree on top of an optional parent, that can be
 * mounted as one root file system. The daemon owns the mapping from images and containers to layer IDs; the
 * driver owns everything under its own root. A driver keeps nothing only in memory: after a restart it finds
 * its layers and mounts again. Register with the service property {@link #NAME}.
 */
@ConsumerType
public interface StorageDriver {
    /** The service property with the driver's name: overlay2, vfs, ... */
    String NAME = "wharf.storage.name";

    /** Status lines for {@code GET /info}'s DriverStatus, pairs of label and value. */
    List<List<String>> status();

    /**
     * Creates layer {@code id} on top of {@code parent} (null for a base layer). A read-write layer is a
     * container's writable layer. Throws {@link io.wharf.api.errors.ConflictException} when the ID exists.
     */
    void create(String id, String parent, boolean readWrite, Map<String, String> options);

    /**
     * Option of {@link #create} for a writable layer, {@code "true"} or absent: the layer is thrown away when
     * its container ends ({@code docker run --rm}), so the driver need not keep it consistent across a power
     * cut and may skip flushing it to disk (overlayfs's {@code volatile}). Drivers that cannot, ignore it.
     */
    String OPTION_VOLATILE = "wharf.volatile";

    boolean exists(String id);

    /**
     * Mounts the layer with all its parents and returns the root directory. Reference counted: each call
     * needs one {@link #unmount}. Idempotent in effect: a second call returns the same path.
     */
    Path mount(String id);

    /** Releases one {@link #mount}; the last release unmounts. Unmounting an unmounted layer does nothing. */
    void unmount(String id);

    /** Removes the layer and its data; removing an absent layer does nothing. The layer must not be mounted. */
    void remove(String id);

    /**
     * Extracts a layer tar (uncompressed) into layer {@code id}, translating whiteouts to the driver's own
     * form, and returns the bytes written. Entries that would leave the layer root are refused with
     * {@link io.wharf.api.errors.InvalidArgumentException}.
     */
    long applyDiff(String id, String parent, InputStream tar);

    /** The changes of {@code id} against {@code parent} as a layer tar with whiteouts. The caller closes it. */
    InputStream diff(String id, String parent);

    /** The paths changed in {@code id} against {@code parent}. */
    List<Change> changes(String id, String parent);

    /** The bytes a {@link #diff} would carry, without producing it. */
    long diffSize(String id, String parent);

    /** Driver data shown as {@code GraphDriver.Data} (LowerDir, UpperDir, MergedDir, WorkDir, ...). */
    Map<String, String> metadata(String id);

    /** A change to one path, as listed by {@code docker diff}. Kind: 0 modified, 1 added, 2 deleted. */
    record Change(String path, int kind) {
        public static final int MODIFIED = 0;
        public static final int ADDED = 1;
        public static final int DELETED = 2;
    }
}
