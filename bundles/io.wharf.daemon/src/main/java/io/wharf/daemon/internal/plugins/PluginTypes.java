package io.wharf.daemon.internal.plugins;

import io.wharf.api.authz.AuthorizationPlugin;
import io.wharf.api.log.LogDriver;
import io.wharf.api.network.IpamDriver;
import io.wharf.api.network.NetworkDriver;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.storage.StorageDriver;
import io.wharf.api.volume.VolumeDriver;
import java.util.Map;

/** The Docker plugin interface type each driver kind serves, and the SPI interface that provides it. */
enum PluginTypes {
    STORAGE(DriverKind.STORAGE, StorageDriver.class, "wharf.storagedriver/1"),
    RUNTIME(DriverKind.RUNTIME, ContainerRuntime.class, "wharf.runtime/1"),
    NETWORK(DriverKind.NETWORK, NetworkDriver.class, "docker.networkdriver/1.0"),
    IPAM(DriverKind.IPAM, IpamDriver.class, "docker.ipamdriver/1.0"),
    VOLUME(DriverKind.VOLUME, VolumeDriver.class, "docker.volumedriver/1.0"),
    LOG(DriverKind.LOG, LogDriver.class, "docker.logdriver/1.0"),
    AUTHZ(DriverKind.AUTHZ, AuthorizationPlugin.class, "docker.authz/1.0");

    private static final Map<DriverKind, PluginTypes> BY_KIND = Map.of(
            DriverKind.STORAGE, STORAGE, DriverKind.RUNTIME, RUNTIME, DriverKind.NETWORK, NETWORK,
            DriverKind.IPAM, IPAM, DriverKind.VOLUME, VOLUME, DriverKind.LOG, LOG, DriverKind.AUTHZ, AUTHZ);

    final DriverKind kind;
    final Class<?> spi;
    final String type;

    PluginTypes(DriverKind kind, Class<?> spi, String type) {
        this.kind = kind;
        this.spi = spi;
        this.type = type;
    }

    static PluginTypes of(DriverKind kind) {
        return BY_KIND.get(kind);
    }

    /** The capability part of a type, as dockerd's {@code capability} filter matches it: {@code volumedriver}. */
    static String capability(String type) {
        int dot = type.indexOf('.');
        int slash = type.indexOf('/');
        return type.substring(dot + 1, slash < 0 ? type.length() : slash);
    }
}
