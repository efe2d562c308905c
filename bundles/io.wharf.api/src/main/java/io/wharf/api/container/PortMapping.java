package io.wharf.api.container;

/** A published port as {@code docker ps} and {@code docker port} show it; publicPort 0 when not published. */
public record PortMapping(String ip, int privatePort, int publicPort, String type) {
}
