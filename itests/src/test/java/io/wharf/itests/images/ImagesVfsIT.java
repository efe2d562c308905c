package io.wharf.itests.images;

import org.junit.jupiter.api.BeforeAll;

/** The image commands on the vfs driver. */
class ImagesVfsIT extends ImagesCliContract {
    @BeforeAll
    static void start() throws Exception {
        startAll("--storage-driver", "vfs");
    }

    @Override
    String storageDriver() {
        return "vfs";
    }
}
