/** Driver discovery (what drivers are registered, which were skipped and why) and driver bundles as plugins. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.wharf.api.plugin;
