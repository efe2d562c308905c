package io.wharf.api.container;

/**
 * A path in a container, as the {@code X-Docker-Container-Path-Stat} header describes it.
 *
 * @param mode Go's {@code os.FileMode} bits (directory 1<<31, symlink 1<<27, ...) with the permission bits
 * @param mtime RFC 3339
 * @param linkTarget the symlink's target, or empty
 */
public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {
}
