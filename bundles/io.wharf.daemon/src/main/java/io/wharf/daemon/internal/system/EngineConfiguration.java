package io.wharf.daemon.internal.system;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The daemon core's configuration ({@link EngineSystemService#PID}): what docker info reports and a reload changes. */
@ObjectClassDefinition(name = "Wharf engine", description = "Engine-wide settings, as in daemon.json")
public @interface EngineConfiguration {
    @AttributeDefinition(description = "Where state lives")
    String data_root() default "/var/lib/wharf";

    @AttributeDefinition(description = "Where runtime files live")
    String exec_root() default "/run/wharf";

    boolean debug() default false;

    boolean live_restore() default false;

    boolean experimental() default false;

    String[] labels() default {};

    @AttributeDefinition(description = "Storage driver; empty picks the best the host supports")
    String storage_driver() default "";

    String default_runtime() default "runc";

    /** daemon.json's {@code runtimes}, as JSON text: checked for binaries that are missing. */
    String runtimes() default "";

    String log_driver() default "json-file";

    String[] insecure_registries() default {};

    String[] registry_mirrors() default {};

    String[] hosts() default {"unix:///run/wharf.sock"};

    int max_concurrent_downloads() default 3;

    int max_concurrent_uploads() default 5;

    @AttributeDefinition(description = "Seconds wharfd waits for its components to stop")
    int shutdown_timeout() default 20;

    /** How many times the launcher has reloaded daemon.json; each new count is announced as a reload event. */
    long reload_count() default 0;
}
