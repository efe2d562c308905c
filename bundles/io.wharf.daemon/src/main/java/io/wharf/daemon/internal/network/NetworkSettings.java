package io.wharf.daemon.internal.network;

/** The network service's configuration ({@link EngineNetworkService#PID}). */
@interface NetworkSettings {
    String data_root() default "/var/lib/wharf";
}
