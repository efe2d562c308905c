package io.wharf.daemon.internal.system;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The engine-wide settings the daemon reads from the {@code io.wharf} configuration. */
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
}
