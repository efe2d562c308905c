/**
 * Message digests computed by the host's libcrypto when it is there: the JDK's own SHA-256 is fast only once the
 * optimising compiler has compiled it, and the daemon runs with the quick-start compiler alone.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.linux.crypto;
