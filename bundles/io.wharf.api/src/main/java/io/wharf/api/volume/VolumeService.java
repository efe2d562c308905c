package io.wharf.api.volume;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Volumes, as the Docker API exposes them. Unknown volumes throw {@code NotFoundException("get X: no such volume")}. */
@ProviderType
public interface VolumeService {
    /** Creates a volume (a generated name when null); an existing one with the same driver is returned. */
    VolumeDetails create(String name, String driver, Map<String, String> options, Map<String, String> labels);

    VolumeDetails inspect(String name);

    /** Filters: name, driver, label, dangling. Warnings for drivers that could not list go to the log. */
    List<VolumeDetails> list(Filters filters);

    /** Throws ConflictException ("remove X: volume is in use - [ids]") unless {@code force}. */
    void remove(String name, boolean force);

    /** Anonymous unused volumes, or all unused ones with the {@code all=true} filter. */
    PruneReport prune(Filters filters);
}
