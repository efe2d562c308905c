package io.wharf.storage.vfs.internal;

import io.wharf.api.storage.StorageDriver.Change;
import io.wharf.archive.ArchivePipe;
import io.wharf.archive.Changes;
import io.wharf.archive.LayerDiff;
import io.wharf.archive.LayerExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Layer tars in and out of plain directory trees: the vfs driver's side of the archive library. */
final class LayerDiffs {

    /** Extracts a layer tar into a full tree: whiteouts delete what they name. */
    long apply(Path dir, InputStream tar) throws IOException {
        return LayerExtractor.apply(tar, dir, LayerExtractor.Options.apply());
    }

    /** The tar turning {@code parentDir} (null: nothing) into {@code dir}, produced while it is read. */
    InputStream diff(Path parentDir, Path dir) throws IOException {
        return ArchivePipe.open("vfs-diff " + dir.getFileName(), out -> LayerDiff.writeDifference(parentDir, dir, out));
    }

    List<Change> changes(Path parentDir, Path dir) throws IOException {
        return Changes.between(parentDir, dir);
    }

    /** As dockerd counts it: the sizes of the regular files added or modified. */
    long size(Path dir, List<Change> changes) throws IOException {
        return Changes.size(dir, changes);
    }
}
