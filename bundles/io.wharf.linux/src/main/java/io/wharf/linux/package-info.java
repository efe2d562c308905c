/**
 * Linux system calls the JDK lacks (mount, device nodes, extended attributes, ownership and times of
 * symlinks, namespaces, statfs, rtnetlink for links, addresses and routes), as small classes of static methods over libc. Failures throw
 * {@link io.wharf.linux.LinuxException} carrying errno.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.wharf.linux;
