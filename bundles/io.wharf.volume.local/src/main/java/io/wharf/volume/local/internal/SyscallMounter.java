package io.wharf.volume.local.internal;

import io.wharf.linux.Errno;
import io.wharf.linux.LinuxException;
import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.file.Path;

/** mount(2) and umount2(2) through the io.wharf.linux bindings, applying options as mount(8) does. */
final class SyscallMounter implements Mounter {
    /** Per-mount flags a bind mount ignores on creation and only takes from a remount. */
    private static final long BIND_REMOUNT_FLAGS = Mounts.MS_RDONLY | Mounts.MS_NOSUID | Mounts.MS_NODEV
            | Mounts.MS_NOEXEC | Mounts.MS_NOATIME | Mounts.MS_NODIRATIME | Mounts.MS_RELATIME
            | Mounts.MS_STRICTATIME;

    @Override
    public void mount(String device, Path target, String type, String options) throws IOException {
        MountOptions o = MountOptions.parse(options);
        String data = o.data().isEmpty() ? null : o.data();
        String fstype = type == null || type.isEmpty() ? "none" : type;
        Mounts.mount(device, target, fstype, o.flags(), data);
        try {
            if (o.propagation() != 0) {
                Mounts.mount(null, target, null, o.propagation(), null);
            }
            if (o.isBind() && (o.flags() & BIND_REMOUNT_FLAGS) != 0) {
                Mounts.mount(null, target, null,
                        Mounts.MS_REMOUNT | Mounts.MS_BIND | (o.flags() & BIND_REMOUNT_FLAGS), null);
            }
        } catch (IOException e) {
            unmount(target); // a half-applied mount (a bind left writable) is worse than none
            throw e;
        }
    }

    @Override
    public void unmount(Path target) throws IOException {
        try {
            Mounts.umount2(target, Mounts.MNT_DETACH);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    @Override
    public boolean isMounted(Path target) throws IOException {
        return Mounts.isMountPoint(target);
    }
}
