package io.wharf.daemon.internal.image;

/**
 * The keys of the engine configuration ({@code io.wharf}) the image store reads; the system service describes
 * the PID's metatype.
 */
@interface ImageStoreConfiguration {
    String data_root() default "/var/lib/wharf";

    String storage_driver() default "";
}
