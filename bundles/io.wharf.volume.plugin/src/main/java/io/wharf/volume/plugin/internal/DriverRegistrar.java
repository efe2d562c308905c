package io.wharf.volume.plugin.internal;

import io.wharf.api.volume.VolumeDriver;

/** Publishes a volume driver under a name until the returned handle is closed (the OSGi registry, in the bundle). */
interface DriverRegistrar {
    Registration register(String name, VolumeDriver driver);

    /** A published driver. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
