/**
 * The image store under {@code <data-root>/image}:
 * <pre>
 * blobs/sha256/&lt;hex&gt;            configs and layer tars (compressed as pulled, gzip when loaded or imported)
 * images/&lt;hex&gt;.json              one record per image: top layer, parent, last tag time (the image exists once written)
 * repositories.json                references (name:tag, name@digest) to image IDs
 * layers/sha256/&lt;chainid&gt;/       layer.json (diff ID, parent, size, driver ID, blob), repositories known to have the blob
 * layers/refs/&lt;owner&gt;            the top layer an image or a container stands on; counts are derived from these
 * layers/mounts/&lt;container&gt;/     a container's writable layer (rw.json)
 * tmp/                             downloads and unpacked archives in progress
 * </pre>
 * Other parts of the daemon use the services {@link io.wharf.daemon.internal.image.ImageStore} and
 * {@link io.wharf.daemon.internal.image.LayerStore}, and register {@link io.wharf.daemon.internal.image.ImageUsers}.
 */
package io.wharf.daemon.internal.image;
