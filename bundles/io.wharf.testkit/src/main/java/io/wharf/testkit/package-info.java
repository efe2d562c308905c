/** Contract suites that every driver of an SPI runs: a driver's test class extends the suite for its SPI. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.testkit;
