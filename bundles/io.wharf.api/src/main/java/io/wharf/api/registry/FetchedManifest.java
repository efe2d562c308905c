package io.wharf.api.registry;

/** A manifest or index exactly as the registry served it, with its media type and verified digest. */
public record FetchedManifest(String mediaType, String digest, byte[] content) {
}
