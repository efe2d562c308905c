/** Engine errors: a small hierarchy that front ends map to protocol status codes in one place. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.api.errors;
