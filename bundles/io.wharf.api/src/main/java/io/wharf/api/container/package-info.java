/** Containers and execs: the engine service and its model. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.wharf.api.container;
