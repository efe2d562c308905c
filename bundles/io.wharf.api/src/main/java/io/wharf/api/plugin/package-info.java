/** Driver discovery: what drivers are registered, and which were skipped and why. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.api.plugin;
