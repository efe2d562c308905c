package io.wharf.storage.vfs.internal;

import io.wharf.api.storage.StorageDriver;
import io.wharf.testkit.storage.StorageDriverContract;
import java.nio.file.Path;

class VfsContractTest extends StorageDriverContract {
    @Override
    protected StorageDriver newDriver(Path dataRoot) throws Exception {
        return new VfsDriver(dataRoot.resolve("storage").resolve("vfs"));
    }
}
