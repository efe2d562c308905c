package io.wharf.daemon.internal.volume;

/** The part of the engine configuration ({@code io.wharf}) the volume service reads. */
@interface VolumeSettings {
    String data_root() default "/var/lib/wharf";
}
