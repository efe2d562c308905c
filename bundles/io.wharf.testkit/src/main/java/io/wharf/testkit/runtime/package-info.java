/** The runtime driver contract, and a busybox root file system for runtime tests. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.testkit.runtime;
