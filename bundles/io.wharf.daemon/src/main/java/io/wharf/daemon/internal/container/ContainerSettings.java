package io.wharf.daemon.internal.container;

/** The keys of the engine configuration ({@code io.wharf}) the container service reads. */
@interface ContainerSettings {
    String data_root() default "/var/lib/wharf";

    String default_runtime() default "runc";

    String log_driver() default "json-file";

    /** daemon.json's {@code log-opts} as JSON text. */
    String log_opts() default "";
}
