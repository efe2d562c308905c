package io.wharf.api.runtime;

/**
 * A device node created in the container.
 *
 * @param path the path in the container
 * @param type {@code c} (character), {@code b} (block) or {@code p} (FIFO)
 * @param fileMode permission bits; null for the runtime's default
 * @param uid owner; null for root
 * @param gid group; null for root
 */
public record Device(String path, String type, long major, long minor, Integer fileMode, Integer uid, Integer gid) {
}
