package io.wharf.daemon.internal.image;

/**
 * An image layer: identified by its chain ID (the digest of its diff ID on top of its parent's chain ID), kept
 * by the storage driver under {@code driverId}, and kept as the compressed blob it was pulled or loaded as, so
 * that push and save hand out exactly the bytes whose digest is the diff ID.
 *
 * @param parent the parent's chain ID, or null for a base layer
 * @param size bytes the layer's files take
 * @param blob the digest of the layer's (compressed) tar in the content store
 * @param mediaType the blob's media type
 */
record Layer(String chainId, String diffId, String parent, long size, String driverId, String blob, long blobSize,
        String mediaType) {

    static String chainId(String parentChain, String diffId) {
        return parentChain == null ? diffId : ContentStore.digest(parentChain + " " + diffId);
    }
}
