package io.wharf.daemon.internal.network;

/** The keys of the engine configuration ({@code io.wharf}) the network service reads. */
@interface NetworkSettings {
    String data_root() default "/var/lib/wharf";
}
