package io.wharf.daemon.internal.plugins;

import io.wharf.api.plugin.DriverKind;

/** One driver a bundle provides: its kind and name. */
record DriverRef(DriverKind kind, String name) {
}
