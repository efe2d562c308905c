package io.wharf.runtime.oci.internal;

import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.system.EngineConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * Registers one {@link ContainerRuntime} service per configured OCI runtime whose binary exists. A configuration
 * change re-creates them; containers are not affected, since every runtime finds its containers on disk.
 */
@Component(configurationPid = EngineConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class OciRuntimeRegistrar {
    private static final System.Logger LOG = System.getLogger(OciRuntimeRegistrar.class.getName());

    /** The keys of the engine configuration this component reads. */
    public @interface Config {
        String exec_root() default "/run/wharf";

        String data_root() default "/var/lib/wharf";

        /** daemon.json's {@code runtimes}, as JSON text. */
        String runtimes() default "";

        /** Where conmon is; not a daemon.json key of dockerd. */
        String conmon_path() default "/usr/bin/conmon";
    }

    private final BundleContext context;
    private final List<ServiceRegistration<ContainerRuntime>> registrations = new ArrayList<>();
    private final List<OciRuntime> runtimes = new ArrayList<>();
    /** The values the services were registered with; other keys of the engine configuration do not concern us. */
    private List<String> registeredWith;

    @Activate
    public OciRuntimeRegistrar(BundleContext context, Config config) {
        this.context = context;
        register(config);
    }

    /** Re-registers the runtimes only when a key of ours changed, so that other changes do not unbind them. */
    @Modified
    synchronized void modified(Config config) {
        if (!relevant(config).equals(registeredWith)) {
            unregister();
            register(config);
        }
    }

    private static List<String> relevant(Config config) {
        return List.of(config.exec_root(), config.data_root(), config.runtimes(), config.conmon_path());
    }

    private synchronized void register(Config config) {
        registeredWith = relevant(config);
        Path conmon = Path.of(config.conmon_path());
        if (!Files.isExecutable(conmon)) {
            throw new IllegalStateException("OCI runtimes unavailable: conmon not found at " + conmon);
        }
        for (RuntimeDefinitions.Definition def : RuntimeDefinitions.parse(config.runtimes())) {
            if (!Files.isExecutable(def.path())) {
                LOG.log(Level.WARNING, "OCI runtime {0} not registered: {1} is missing or not executable",
                        def.name(), def.path());
                continue;
            }
            try {
                OciRuntime runtime = new OciRuntime(def.name(), def.path(), def.runtimeArgs(), conmon,
                        Path.of(config.exec_root()), Path.of(config.data_root()));
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(ContainerRuntime.NAME, def.name());
                props.put("wharf.runtime.path", def.path().toString());
                runtimes.add(runtime);
                registrations.add(context.registerService(ContainerRuntime.class, runtime, props));
                LOG.log(Level.INFO, "OCI runtime {0} registered: {1}", def.name(), def.path());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "OCI runtime " + def.name() + " not registered: " + e.getMessage(), e);
            }
        }
    }

    @Deactivate
    synchronized void unregister() {
        for (ServiceRegistration<ContainerRuntime> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        runtimes.forEach(OciRuntime::close);
        runtimes.clear();
    }
}
