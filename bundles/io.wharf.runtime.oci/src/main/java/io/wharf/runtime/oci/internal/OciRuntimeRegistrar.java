package io.wharf.runtime.oci.internal;

import io.wharf.api.runtime.ContainerRuntime;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * Registers one {@link ContainerRuntime} service per configured OCI runtime whose binary exists. A reload of
 * daemon.json's {@code runtimes} registers the runtimes added or changed and unregisters the ones removed; the
 * others stay registered, so the containers they run never see them go. Containers are not affected either way,
 * since every runtime finds its containers on disk.
 */
@Component(configurationPid = OciRuntimeRegistrar.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class OciRuntimeRegistrar {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.runtime.oci";

    private static final System.Logger LOG = System.getLogger(OciRuntimeRegistrar.class.getName());

    /** The keys of daemon.json this component reads. */
    public @interface Config {
        String exec_root() default "/run/wharf";

        String data_root() default "/var/lib/wharf";

        /** daemon.json's {@code runtimes}, as JSON text. */
        String runtimes() default "";

        /** Where conmon is; not a daemon.json key of dockerd. */
        String conmon_path() default "/usr/bin/conmon";
    }

    /** One registered runtime and the definition it was made from. */
    private record Registered(RuntimeDefinitions.Definition definition, OciRuntime runtime,
            ServiceRegistration<ContainerRuntime> registration) {
    }

    private final BundleContext context;
    /** By runtime name. */
    private final Map<String, Registered> registered = new LinkedHashMap<>();
    /** The places the runtimes were made for; a change of any of them re-creates every runtime. */
    private List<String> placesRegisteredFor;

    @Activate
    public OciRuntimeRegistrar(BundleContext context, Config config) {
        this.context = context;
        modified(config);
    }

    /** Registers what is new or changed and unregisters what is gone; other keys do not concern the runtimes. */
    @Modified
    synchronized void modified(Config config) {
        List<String> places = List.of(config.exec_root(), config.data_root(), config.conmon_path());
        if (!places.equals(placesRegisteredFor)) {
            unregister();
            placesRegisteredFor = places;
        }
        Path conmon = Path.of(config.conmon_path());
        if (!Files.isExecutable(conmon)) {
            throw new IllegalStateException("OCI runtimes unavailable: conmon not found at " + conmon);
        }
        Map<String, RuntimeDefinitions.Definition> wanted = new LinkedHashMap<>();
        for (RuntimeDefinitions.Definition def : RuntimeDefinitions.parse(config.runtimes())) {
            wanted.put(def.name(), def);
        }
        for (String name : List.copyOf(registered.keySet())) {
            RuntimeDefinitions.Definition def = wanted.get(name);
            if (def == null || !def.equals(registered.get(name).definition())) {
                remove(registered.remove(name));
            }
        }
        for (RuntimeDefinitions.Definition def : wanted.values()) {
            if (!registered.containsKey(def.name())) {
                register(def, conmon, config);
            }
        }
    }

    private void register(RuntimeDefinitions.Definition def, Path conmon, Config config) {
        if (!Files.isExecutable(def.path())) {
            LOG.log(Level.WARNING, "OCI runtime {0} not registered: {1} is missing or not executable",
                    def.name(), def.path());
            return;
        }
        try {
            OciRuntime runtime = new OciRuntime(def.name(), def.path(), def.runtimeArgs(), conmon,
                    Path.of(config.exec_root()), Path.of(config.data_root()));
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(ContainerRuntime.NAME, def.name());
            props.put("wharf.runtime.path", def.path().toString());
            registered.put(def.name(), new Registered(def, runtime,
                    context.registerService(ContainerRuntime.class, runtime, props)));
            LOG.log(Level.INFO, "OCI runtime {0} registered: {1}", def.name(), def.path());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OCI runtime " + def.name() + " not registered: " + e.getMessage(), e);
        }
    }

    private static void remove(Registered r) {
        try {
            r.registration().unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        r.runtime().close();
        LOG.log(Level.INFO, "OCI runtime {0} unregistered", r.definition().name());
    }

    /** The names registered now, for tests. */
    synchronized List<String> names() {
        return List.copyOf(registered.keySet());
    }

    @Deactivate
    synchronized void unregister() {
        registered.values().forEach(OciRuntimeRegistrar::remove);
        registered.clear();
    }
}
