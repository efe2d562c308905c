/** The engine's event bus: what happened to which object, with history and live subscriptions. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.wharf.api.events;
