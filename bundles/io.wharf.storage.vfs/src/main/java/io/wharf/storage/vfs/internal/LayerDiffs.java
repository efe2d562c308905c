package io.wharf.storage.vfs.internal;

import io.wharf.api.errors.NotImplementedException;
import io.wharf.api.storage.StorageDriver.Change;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Layer tars in and out of plain directory trees: the vfs driver's side of the archive library. */
final class LayerDiffs {

    long apply(Path dir, InputStream tar) throws IOException {
        throw new NotImplementedException("vfs: applying layer diffs is not available yet");
    }

    InputStream diff(Path parentDir, Path dir) throws IOException {
        throw new NotImplementedException("vfs: layer diffs are not available yet");
    }

    List<Change> changes(Path parentDir, Path dir) throws IOException {
        throw new NotImplementedException("vfs: layer changes are not available yet");
    }

    /** As dockerd counts it: the sizes of the regular files added or modified. */
    long size(Path dir, List<Change> changes) throws IOException {
        long total = 0;
        for (Change c : changes) {
            if (c.kind() == Change.DELETED) {
                continue;
            }
            Path p = dir.resolve(c.path().substring(1));
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                total += Files.size(p);
            }
        }
        return total;
    }
}
