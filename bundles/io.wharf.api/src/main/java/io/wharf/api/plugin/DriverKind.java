package io.wharf.api.plugin;

/** The kinds of driver the engine binds, each with the service property that names a driver of that kind. */
public enum DriverKind {
    STORAGE("wharf.storage.name"),
    RUNTIME("wharf.runtime.name"),
    NETWORK("wharf.network.name"),
    IPAM("wharf.ipam.name"),
    VOLUME("wharf.volume.name"),
    LOG("wharf.log.name"),
    AUTHZ("wharf.authz.name");

    private final String nameProperty;

    DriverKind(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    /** The service property that carries a driver's name. */
    public String nameProperty() {
        return nameProperty;
    }
}
