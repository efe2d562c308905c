/** The storage driver contract, and layer tar helpers for driver tests. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.testkit.storage;
