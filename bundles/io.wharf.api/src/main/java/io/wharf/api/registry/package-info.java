/** Registries: the distribution client SPI and login. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.wharf.api.registry;
