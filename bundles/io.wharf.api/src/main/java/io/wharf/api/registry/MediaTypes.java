package io.wharf.api.registry;

import java.util.List;

/** The media types of images on registries: Docker schema 2 and OCI manifests, indexes, configs and layers. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Schema 1, which current engines no longer pull. */
    public static final String DOCKER_MANIFEST_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_MANIFEST_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    public static final String DOCKER_LAYER_UNCOMPRESSED = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public static final String DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_LAYER_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    /** What a client accepts when it fetches a manifest by tag, most wanted first. */
    public static final List<String> MANIFEST_ACCEPT =
            List.of(DOCKER_MANIFEST_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return DOCKER_MANIFEST.equals(mediaType) || OCI_MANIFEST.equals(mediaType);
    }

    /** Whether a layer must not be pushed to other registries but is fetched from its {@code urls}. */
    public static boolean isForeignLayer(String mediaType) {
        return DOCKER_LAYER_FOREIGN.equals(mediaType) || OCI_LAYER_NONDISTRIBUTABLE.equals(mediaType)
                || OCI_LAYER_NONDISTRIBUTABLE_GZIP.equals(mediaType)
                || OCI_LAYER_NONDISTRIBUTABLE_ZSTD.equals(mediaType);
    }

    /** The compression of a layer media type: {@code gzip}, {@code zstd} or {@code none}. */
    public static String layerCompression(String mediaType) {
        if (mediaType == null) {
            return "none";
        }
        if (mediaType.endsWith("gzip")) {
            return "gzip";
        }
        if (mediaType.endsWith("zstd")) {
            return "zstd";
        }
        return "none";
    }
}
