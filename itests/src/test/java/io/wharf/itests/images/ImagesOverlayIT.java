package io.wharf.itests.images;

import org.junit.jupiter.api.BeforeAll;

/** The image commands on the overlay2 driver (the default where the kernel has overlayfs). */
class ImagesOverlayIT extends ImagesCliContract {
    @BeforeAll
    static void start() throws Exception {
        startAll("--storage-driver", "overlay2");
    }

    @Override
    String storageDriver() {
        return "overlay2";
    }
}
