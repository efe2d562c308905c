/**
 * Tar and layer handling shared by the storage drivers, the builder and {@code docker cp}: a streaming tar
 * reader and writer (ustar, PAX, GNU long names), compression detection, safe layer extraction with
 * whiteouts (no entry may leave its root), layer diffs and change lists, and SHA-256 digesting streams.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.archive;
