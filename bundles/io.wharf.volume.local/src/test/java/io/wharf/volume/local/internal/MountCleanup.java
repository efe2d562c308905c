package io.wharf.volume.local.internal;

import io.wharf.linux.MountInfo;
import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Detaches every mount under a test's directory, so a failed test leaves nothing mounted behind. */
final class MountCleanup {
    private MountCleanup() {
    }

    static void under(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<MountInfo> mounts = Mounts.mountInfo();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Path point = mounts.get(i).mountPoint();
            if (point.startsWith(real)) {
                Mounts.umount2(point, Mounts.MNT_DETACH);
            }
        }
    }
}
