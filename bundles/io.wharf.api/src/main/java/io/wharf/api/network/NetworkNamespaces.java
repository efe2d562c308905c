package io.wharf.api.network;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and removes the network namespaces containers run in. A namespace is held by a bind mount at
 * {@code <exec-root>/netns/<id>}, so it outlives the daemon (live restore) and its path is the sandbox key that
 * {@link NetworkDriver#join} and the OCI runtime ({@code linux.namespaces[type=network].path}) take. The new
 * namespace has its loopback interface up.
 */
@ProviderType
public interface NetworkNamespaces {

    /** Creates the namespace for {@code id} (a container ID) unless it exists; returns its path. */
    Path create(String id);

    /** The path the namespace of {@code id} has or would have. */
    Path path(String id);

    /** Unmounts and removes the namespace file; an absent one is not an error. */
    void remove(String id);
}
