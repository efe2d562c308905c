package io.wharf.api.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** A builder holding this spec's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, rootfs, process);
        b.name = name;
        b.readonlyRootfs = readonlyRootfs;
        b.hostname = hostname;
        b.domainname = domainname;
        b.mounts.addAll(mounts);
        b.namespaces.addAll(namespaces);
        b.maskedPaths.addAll(maskedPaths);
        b.readonlyPaths.addAll(readonlyPaths);
        b.sysctls.putAll(sysctls);
        b.devices.addAll(devices);
        b.deviceRules.addAll(deviceRules);
        b.seccompProfile = seccompProfile;
        b.resources = resources;
        b.cgroupParent = cgroupParent;
        b.annotations.putAll(annotations);
        return b;
    }

    /** An empty spec to fill in; {@link DockerDefaults#spec} starts one with dockerd's defaults instead. */
    public static Builder builder(String id, Path rootfs, ProcessSpec process) {
        return new Builder(id, rootfs, process);
    }

    /** Collects the values of a {@link ContainerSpec}; lists and maps are mutable until {@link #build()}. */
    public static final class Builder {
        private final String id;
        private Path rootfs;
        private ProcessSpec process;
        private String name;
        private boolean readonlyRootfs;
        private String hostname;
        private String domainname;
        private final List<Mount> mounts = new ArrayList<>();
        private final List<Namespace> namespaces = new ArrayList<>();
        private final List<String> maskedPaths = new ArrayList<>();
        private final List<String> readonlyPaths = new ArrayList<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private final List<Device> devices = new ArrayList<>();
        private final List<DeviceRule> deviceRules = new ArrayList<>();
        private String seccompProfile;
        private Resources resources = Resources.NONE;
        private String cgroupParent;
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private Builder(String id, Path rootfs, ProcessSpec process) {
            this.id = id;
            this.rootfs = rootfs;
            this.process = process;
        }

        public Builder rootfs(Path value) {
            rootfs = value;
            return this;
        }

        public Builder process(ProcessSpec value) {
            process = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder readonlyRootfs(boolean value) {
            readonlyRootfs = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder domainname(String value) {
            domainname = value;
            return this;
        }

        public List<Mount> mounts() {
            return mounts;
        }

        /** Adds a mount, replacing any earlier mount on the same destination (as a user's mount replaces a default). */
        public Builder mount(Mount mount) {
            mounts.removeIf(m -> m.destination().equals(mount.destination()));
            mounts.add(mount);
            return this;
        }

        public List<Namespace> namespaces() {
            return namespaces;
        }

        /** Sets the namespace of a type, replacing the earlier one of that type (to join a network namespace, say). */
        public Builder namespace(Namespace namespace) {
            namespaces.removeIf(n -> n.type().equals(namespace.type()));
            namespaces.add(namespace);
            return this;
        }

        public List<String> maskedPaths() {
            return maskedPaths;
        }

        public List<String> readonlyPaths() {
            return readonlyPaths;
        }

        public Map<String, String> sysctls() {
            return sysctls;
        }

        public List<Device> devices() {
            return devices;
        }

        public List<DeviceRule> deviceRules() {
            return deviceRules;
        }

        public Builder seccompProfile(String value) {
            seccompProfile = value;
            return this;
        }

        public Builder resources(Resources value) {
            resources = value;
            return this;
        }

        public Builder cgroupParent(String value) {
            cgroupParent = value;
            return this;
        }

        public Map<String, String> annotations() {
            return annotations;
        }

        public ContainerSpec build() {
            return new ContainerSpec(id, name, rootfs, readonlyRootfs, process, hostname, domainname, mounts,
                    namespaces, maskedPaths, readonlyPaths, sysctls, devices, deviceRules, seccompProfile,
                    resources, cgroupParent, annotations);
        }
    }
}
