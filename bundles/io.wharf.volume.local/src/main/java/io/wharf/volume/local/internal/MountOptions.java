package io.wharf.volume.local.internal;

import io.wharf.linux.Mounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a mount(8)-style option string into mount(2) flags, propagation flags and the file system's own data,
 * as mount(8) and dockerd do: {@code ro,bind,size=1m} is {@code MS_RDONLY|MS_BIND} and data {@code size=1m}.
 *
 * @param flags flags for the mount itself
 * @param propagation propagation flags, applied by a second mount(2) call
 * @param data options the file system interprets, comma separated
 */
record MountOptions(long flags, long propagation, String data) {
    /** Flags an option sets ({@code true}) or clears ({@code false}). */
    private record Flag(boolean clear, long bits) {
    }

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("ro", new Flag(false, Mounts.MS_RDONLY)),
            Map.entry("rw", new Flag(true, Mounts.MS_RDONLY)),
            Map.entry("suid", new Flag(true, Mounts.MS_NOSUID)),
            Map.entry("nosuid", new Flag(false, Mounts.MS_NOSUID)),
            Map.entry("dev", new Flag(true, Mounts.MS_NODEV)),
            Map.entry("nodev", new Flag(false, Mounts.MS_NODEV)),
            Map.entry("exec", new Flag(true, Mounts.MS_NOEXEC)),
            Map.entry("noexec", new Flag(false, Mounts.MS_NOEXEC)),
            Map.entry("sync", new Flag(false, Mounts.MS_SYNCHRONOUS)),
            Map.entry("async", new Flag(true, Mounts.MS_SYNCHRONOUS)),
            Map.entry("dirsync", new Flag(false, Mounts.MS_DIRSYNC)),
            Map.entry("remount", new Flag(false, Mounts.MS_REMOUNT)),
            Map.entry("mand", new Flag(false, Mounts.MS_MANDLOCK)),
            Map.entry("nomand", new Flag(true, Mounts.MS_MANDLOCK)),
            Map.entry("atime", new Flag(true, Mounts.MS_NOATIME)),
            Map.entry("noatime", new Flag(false, Mounts.MS_NOATIME)),
            Map.entry("diratime", new Flag(true, Mounts.MS_NODIRATIME)),
            Map.entry("nodiratime", new Flag(false, Mounts.MS_NODIRATIME)),
            Map.entry("bind", new Flag(false, Mounts.MS_BIND)),
            Map.entry("rbind", new Flag(false, Mounts.MS_BIND | Mounts.MS_REC)),
            Map.entry("relatime", new Flag(false, Mounts.MS_RELATIME)),
            Map.entry("norelatime", new Flag(true, Mounts.MS_RELATIME)),
            Map.entry("strictatime", new Flag(false, Mounts.MS_STRICTATIME)),
            Map.entry("nostrictatime", new Flag(true, Mounts.MS_STRICTATIME)));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private", Mounts.MS_PRIVATE,
            "rprivate", Mounts.MS_PRIVATE | Mounts.MS_REC,
            "shared", Mounts.MS_SHARED,
            "rshared", Mounts.MS_SHARED | Mounts.MS_REC,
            "slave", Mounts.MS_SLAVE,
            "rslave", Mounts.MS_SLAVE | Mounts.MS_REC,
            "unbindable", Mounts.MS_UNBINDABLE,
            "runbindable", Mounts.MS_UNBINDABLE | Mounts.MS_REC);

    static MountOptions parse(String options) {
        long flags = 0;
        long propagation = 0;
        List<String> data = new ArrayList<>();
        if (options != null && !options.isEmpty()) {
            for (String option : options.split(",")) {
                Flag f = FLAGS.get(option);
                Long p = PROPAGATION.get(option);
                if (f != null) {
                    flags = f.clear() ? flags & ~f.bits() : flags | f.bits();
                } else if (p != null) {
                    propagation |= p;
                } else if (!option.isEmpty()) {
                    data.add(option);
                }
            }
        }
        return new MountOptions(flags, propagation, String.join(",", data));
    }

    boolean isBind() {
        return (flags & Mounts.MS_BIND) != 0;
    }
}
