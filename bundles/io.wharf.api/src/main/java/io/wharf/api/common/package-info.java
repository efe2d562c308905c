/** Value types shared by every area: filters, progress messages, prune reports. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.wharf.api.common;
