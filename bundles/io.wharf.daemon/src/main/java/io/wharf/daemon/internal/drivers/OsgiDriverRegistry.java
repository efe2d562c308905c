package io.wharf.daemon.internal.drivers;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import io.wharf.api.authz.AuthorizationPlugin;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import io.wharf.api.log.LogDriver;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.network.IpamDriver;
import io.wharf.api.network.NetworkDriver;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.storage.StorageDriver;
import io.wharf.api.volume.VolumeDriver;
import io.wharf.api.errors.UnavailableException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds every driver SPI dynamically: a driver bundle installed, started, stopped or updated at run time is
 * picked up or dropped at once, without restarting anything. Drivers whose activation failed (the host lacks
 * what they need) are listed as skipped with the reason, taken from the component runtime.
 */
@Component(service = DriverRegistry.class, configurationPid = OsgiDriverRegistry.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class OsgiDriverRegistry implements DriverRegistry {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon.drivers";

    private static final Logger LOG = LoggerFactory.getLogger(OsgiDriverRegistry.class);

    /** The part of the engine configuration this component reads ({@code driver-wait-timeout} in daemon.json). */
    public @interface Config {
        /** Seconds a request waits for a driver that is away before it gets 503. */
        double driver_wait_timeout() default 10;
    }

    private final DriverTable table = new DriverTable();
    private volatile long waitNanos;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile ServiceComponentRuntime scr;

    private final EventService events;

    /** The event service comes through the constructor so that drivers bound during activation are announced. */
    @Activate
    public OsgiDriverRegistry(@Reference EventService events, Config config) {
        this.events = events;
        modified(config);
    }

    /** A new wait applies to the next request; the drivers bound stay bound. */
    @Modified
    void modified(Config config) {
        waitNanos = (long) (Math.max(0, config.driver_wait_timeout()) * 1e9);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindStorage(ServiceReference<StorageDriver> ref, StorageDriver driver) {
        bound(DriverKind.STORAGE, ref, driver);
    }

    void unbindStorage(ServiceReference<StorageDriver> ref) {
        unbound(DriverKind.STORAGE, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindRuntime(ServiceReference<ContainerRuntime> ref, ContainerRuntime runtime) {
        bound(DriverKind.RUNTIME, ref, runtime);
    }

    void unbindRuntime(ServiceReference<ContainerRuntime> ref) {
        unbound(DriverKind.RUNTIME, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindNetwork(ServiceReference<NetworkDriver> ref, NetworkDriver driver) {
        bound(DriverKind.NETWORK, ref, driver);
    }

    void unbindNetwork(ServiceReference<NetworkDriver> ref) {
        unbound(DriverKind.NETWORK, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindIpam(ServiceReference<IpamDriver> ref, IpamDriver driver) {
        bound(DriverKind.IPAM, ref, driver);
    }

    void unbindIpam(ServiceReference<IpamDriver> ref) {
        unbound(DriverKind.IPAM, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindVolume(ServiceReference<VolumeDriver> ref, VolumeDriver driver) {
        bound(DriverKind.VOLUME, ref, driver);
    }

    void unbindVolume(ServiceReference<VolumeDriver> ref) {
        unbound(DriverKind.VOLUME, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindLog(ServiceReference<LogDriver> ref, LogDriver driver) {
        bound(DriverKind.LOG, ref, driver);
    }

    void unbindLog(ServiceReference<LogDriver> ref) {
        unbound(DriverKind.LOG, ref);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    void bindAuthz(ServiceReference<AuthorizationPlugin> ref, AuthorizationPlugin plugin) {
        bound(DriverKind.AUTHZ, ref, plugin);
    }

    void unbindAuthz(ServiceReference<AuthorizationPlugin> ref) {
        unbound(DriverKind.AUTHZ, ref);
    }

    private void bound(DriverKind kind, ServiceReference<?> ref, Object driver) {
        table.bind(kind, ref, driver);
        announce(kind, ref, "enable");
    }

    private void unbound(DriverKind kind, ServiceReference<?> ref) {
        table.unbind(kind, ref);
        announce(kind, ref, "disable");
    }

    private void announce(DriverKind kind, ServiceReference<?> ref, String action) {
        String name = DriverTable.nameOf(kind, ref);
        if (name == null) {
            LOG.warn("A {} driver service without the {} property was ignored", kind, kind.nameProperty());
            return;
        }
        LOG.info("{} driver {} {}d", kind.name().toLowerCase(java.util.Locale.ROOT), name, action);
        events.publish(Event.now("plugin", action, name,
                Map.of("name", name, "kind", kind.name().toLowerCase(java.util.Locale.ROOT))));
    }

    @Override
    public List<DriverInfo> drivers() {
        List<DriverInfo> all = new ArrayList<>(table.active());
        all.addAll(skipped(all));
        all.sort(Comparator.comparing(DriverInfo::kind).thenComparing(DriverInfo::name));
        return all;
    }

    @Override
    public List<String> names(DriverKind kind) {
        return table.names(kind);
    }

    @Override
    public <T> Optional<T> find(Class<T> type, DriverKind kind, String name) {
        Optional<Object> d = table.get(kind, name);
        if (d.isEmpty() && name != null && table.away(kind, name)) {
            try {
                d = table.await(kind, name, waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (d.isEmpty() && table.away(kind, name)) {
                throw new UnavailableException(kind.name().toLowerCase(Locale.ROOT) + " driver \"" + name
                        + "\" is not available");
            }
        }
        return d.filter(type::isInstance).map(type::cast);
    }

    @Override
    public <T> Optional<T> current(Class<T> type, DriverKind kind, String name) {
        return table.get(kind, name).filter(type::isInstance).map(type::cast);
    }

    /** Driver components that failed to activate, unless another service of the same name is active. */
    private List<DriverInfo> skipped(List<DriverInfo> active) {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return List.of();
        }
        List<DriverInfo> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs()) {
            for (DriverKind kind : DriverKind.values()) {
                Object name = d.properties.get(kind.nameProperty());
                if (!(name instanceof String n)) {
                    continue;
                }
                boolean isActive = active.stream().anyMatch(a -> a.kind() == kind && a.name().equals(n));
                if (isActive) {
                    continue;
                }
                for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        out.add(new DriverInfo(kind, n, d.bundle.symbolicName, "", false, c.failure));
                    }
                }
            }
        }
        return out;
    }
}
