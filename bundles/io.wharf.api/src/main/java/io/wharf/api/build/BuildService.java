package io.wharf.api.build;

import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.PruneReport;
import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/** Builds images from a Dockerfile and a context, with the classic builder's semantics and cache. */
@ProviderType
public interface BuildService {
    /**
     * Builds from a tar context (plain, gzip, bzip2 or xz), streaming {@code Step N/M : ...} output and an aux
     * message with the image ID; returns the image ID. A failing step is reported as an error message in the
     * stream and as {@code InvalidArgumentException} or {@code WharfException}; nothing is tagged then.
     */
    String build(InputStream context, BuildOptions options, ProgressListener output);

    /** Removes build cache; {@code all} removes everything, else only what is not in use. */
    PruneReport prune(boolean all, io.wharf.api.common.Filters filters);
}
