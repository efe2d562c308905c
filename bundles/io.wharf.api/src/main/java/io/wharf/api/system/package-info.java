/** System-wide facts: version, host and daemon information, disk usage. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.wharf.api.system;
