package io.wharf.daemon.internal.image;

import io.wharf.api.storage.StorageDriver;

/** The active storage driver, looked up afresh for every operation (drivers come and go at run time). */
interface StorageAccess {
    /** The driver in use; throws naming it when it is not registered now. */
    StorageDriver driver();

    /** Its name: overlay2, vfs. */
    String name();
}
