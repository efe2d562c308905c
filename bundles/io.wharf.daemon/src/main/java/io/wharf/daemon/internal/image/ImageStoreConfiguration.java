package io.wharf.daemon.internal.image;

/** The image store's configuration ({@link LocalImageService#PID}); a reload changes the transfer limits. */
@interface ImageStoreConfiguration {
    String data_root() default "/var/lib/wharf";

    String storage_driver() default "";

    int max_concurrent_downloads() default TransferPools.DEFAULT_DOWNLOADS;

    int max_concurrent_uploads() default TransferPools.DEFAULT_UPLOADS;
}
