package io.wharf.api.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a runtime needs to create one container, computed by the daemon from the container's config, host
 * config, image and drivers. The runtime adds nothing of its own policy: defaults (capabilities, mounts, masked
 * paths, seccomp) come from the daemon, see {@link DockerDefaults}. Lists and maps are never null; optional
 * scalars are null when unset.
 *
 * @param id the container ID, also the runtime's container ID
 * @param name the container name without the leading slash, for logs and monitors
 * @param rootfs the root file system, already mounted by the storage driver
 * @param readonlyRootfs mount the root read-only ({@code --read-only})
 * @param process the container's main process
 * @param hostname the UTS host name; null leaves the runtime's default
 * @param domainname the UTS domain name; null for none
 * @param mounts mounts in order, including the defaults ({@code /proc}, {@code /dev}, ...)
 * @param namespaces the namespaces to create or, with a path, to join
 * @param maskedPaths paths made inaccessible inside the container
 * @param readonlyPaths paths remounted read-only inside the container
 * @param sysctls kernel parameters set in the container's namespaces
 * @param devices device nodes created in the container
 * @param deviceRules the device cgroup rules, in order (the first one is normally "deny all")
 * @param seccompProfile the JSON text of an OCI runtime-spec {@code linux.seccomp} object; null for unconfined
 * @param resources cgroup limits
 * @param cgroupParent the parent cgroup ({@code --cgroup-parent}); null for the runtime's default ({@code /wharf})
 * @param annotations OCI annotations passed to the runtime
 */
public record ContainerSpec(
        String id,
        String name,
        Path rootfs,
        boolean readonlyRootfs,
        ProcessSpec process,
        String hostname,
        String domainname,
        List<Mount> mounts,
        List<Namespace> namespaces,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        Map<String, String> sysctls,
        List<Device> devices,
        List<DeviceRule> deviceRules,
        String seccompProfile,
        Resources resources,
        String cgroupParent,
        Map<String, String> annotations) {

    public ContainerSpec {
        mounts = List.copyOf(mounts);
        namespaces = List.copyOf(namespaces);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
        sysctls = Map.copyOf(sysctls);
        devices = List.copyOf(devices);
        deviceRules = List.copyOf(deviceRules);
        annotations = Map.copyOf(annotations);
        if (resources == null) {
            resources = Resources.NONE;
        }
    }
}
