package io.wharf.daemon.internal.volume;

/** The volume service's configuration ({@link EngineVolumeService#PID}). */
@interface VolumeSettings {
    String data_root() default "/var/lib/wharf";
}
