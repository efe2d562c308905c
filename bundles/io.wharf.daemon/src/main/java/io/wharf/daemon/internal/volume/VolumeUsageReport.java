package io.wharf.daemon.internal.volume;

import io.wharf.api.system.DiskUsage;
import java.util.List;

/** The volumes part of {@code GET /system/df}, for the system service. */
public interface VolumeUsageReport {
    /** Every volume with its size (-1 when its driver cannot tell or is absent) and the containers using it. */
    List<DiskUsage.VolumeUsage> volumeUsage();
}
