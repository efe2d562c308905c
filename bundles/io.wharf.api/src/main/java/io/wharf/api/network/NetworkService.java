package io.wharf.api.network;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.container.EndpointSettings;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Networks, as the Docker API exposes them. {@code id} accepts a full ID, a unique prefix or a name; unknown
 * networks throw {@code NotFoundException("network X not found")}.
 */
@ProviderType
public interface NetworkService {
    /**
     * Creates a network; returns its ID and a warning (or empty).
     *
     * @throws io.wharf.api.errors.ConflictException when the name exists
     * @throws io.wharf.api.errors.ForbiddenException for a subnet overlapping another network's
     * @throws io.wharf.api.errors.NotFoundException for an unknown driver
     */
    String[] create(NetworkCreateRequest request);

    NetworkDetails inspect(String id, boolean verbose);

    /** Filters: driver, id, name, label, scope, type (custom|builtin), dangling. */
    List<NetworkDetails> list(Filters filters);

    /** Throws ForbiddenException when containers are attached, or for the predefined networks. */
    void remove(String id);

    PruneReport prune(Filters filters);

    void connect(String id, String container, EndpointSettings settings);

    void disconnect(String id, String container, boolean force);
}
