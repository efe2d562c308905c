/** The storage (graph) driver SPI: layered root filesystems. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.wharf.api.storage;
