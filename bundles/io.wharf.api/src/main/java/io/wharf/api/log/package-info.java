/** The log driver SPI: where container output goes and how it is read back. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.api.log;
