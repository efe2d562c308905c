package io.wharf.api.build;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}'s query parameters.
 *
 * @param dockerfile the Dockerfile's path inside the context
 * @param tags references to tag the result with
 * @param buildArgs values for ARG; a null value (a name the client found no value for) leaves the ARG's default
 * @param extraHosts {@code host:ip} entries
 * @param registryAuth credentials per registry for FROM images that must be pulled
 */
public record BuildOptions(String dockerfile, List<String> tags, Map<String, String> buildArgs,
        Map<String, String> labels, String target, boolean noCache, boolean pull, boolean remove,
        boolean forceRemove, boolean quiet, String networkMode, List<String> extraHosts, List<String> cacheFrom,
        String platform, long shmSize, long memory, long memorySwap, long cpuShares, long cpuPeriod,
        long cpuQuota, String cpusetCpus, String cpusetMems,
        Map<String, io.wharf.api.registry.Credentials> registryAuth) {
}
