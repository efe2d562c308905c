package io.wharf.volume.local.internal;

import java.io.IOException;
import java.nio.file.Path;

/** How the driver puts a volume's source on its {@code _data} directory; a seam so the mechanism can change. */
interface Mounter {
    /** Mounts {@code device} of file system {@code type} on {@code target} with mount(8)-style {@code options}. */
    void mount(String device, Path target, String type, String options) throws IOException;

    /** Detaches whatever is mounted on {@code target}; nothing mounted is not an error. */
    void unmount(Path target) throws IOException;

    boolean isMounted(Path target) throws IOException;
}
