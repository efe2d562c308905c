/**
 * File helpers the storage and volume drivers share, written once so that the rules they keep (a file
 * replaced atomically and durably, a tree deleted without following links or entering other file systems)
 * are the same everywhere.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.wharf.linux.files;
