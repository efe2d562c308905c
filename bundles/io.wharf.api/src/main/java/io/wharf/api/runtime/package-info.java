/** The runtime SPI: OCI runtimes that create, run and signal containers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.api.runtime;
