package io.wharf.storage.overlay.internal;

import io.wharf.api.storage.StorageDriver;
import io.wharf.testkit.storage.StorageDriverContract;
import java.nio.file.Path;

class OverlayContractTest extends StorageDriverContract {
    @Override
    protected StorageDriver newDriver(Path dataRoot) throws Exception {
        return new OverlayDriver(dataRoot.resolve("storage").resolve("overlay2"));
    }
}
