/** Networks: the engine service, the network driver SPI and the IPAM driver SPI. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.wharf.api.network;
