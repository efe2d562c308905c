package io.wharf.api.runtime;

/**
 * A Linux namespace of the container: created new when {@code path} is null, joined otherwise (for example a
 * network namespace file prepared by the network driver, or {@code /proc/<pid>/ns/net} of another container).
 * Types are the OCI names, see the constants.
 */
public record Namespace(String type, String path) {
    public static final String PID = "pid";
    public static final String NETWORK = "network";
    public static final String IPC = "ipc";
    public static final String UTS = "uts";
    public static final String MOUNT = "mount";
    public static final String USER = "user";
    public static final String CGROUP = "cgroup";

    /** A new namespace of {@code type}. */
    public static Namespace create(String type) {
        return new Namespace(type, null);
    }
}
