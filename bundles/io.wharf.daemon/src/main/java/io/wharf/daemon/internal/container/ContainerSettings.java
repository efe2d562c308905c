package io.wharf.daemon.internal.container;

/** The container service's configuration; a reload changes only the default runtime. */
@interface ContainerSettings {
    /** The container service's configuration PID; the launcher fills it from daemon.json and the command line. */
    String PID = "io.wharf.daemon.containers";

    String data_root() default "/var/lib/wharf";

    String default_runtime() default "runc";

    String log_driver() default "json-file";

    /** daemon.json's {@code log-opts} as JSON text. */
    String log_opts() default "";
}
