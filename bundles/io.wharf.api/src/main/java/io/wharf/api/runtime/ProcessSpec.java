package io.wharf.api.runtime;

import java.util.List;

/**
 * A process to run in a container: the main process of {@link ContainerSpec} or an exec.
 *
 * @param args the command and its arguments; the first is looked up in the container's {@code PATH}
 * @param env {@code KEY=value} entries
 * @param cwd the working directory, absolute
 * @param user the numeric identity, already resolved against the container's {@code /etc/passwd} and {@code /etc/group}
 * @param terminal allocate a pseudo terminal
 * @param consoleSize the initial terminal size; null for the runtime's default
 * @param capabilities the capability sets
 * @param noNewPrivileges set {@code no_new_privs}
 * @param rlimits resource limits
 * @param oomScoreAdj the OOM score adjustment; null to inherit
 * @param apparmorProfile the AppArmor profile; null for none
 * @param selinuxLabel the SELinux process label; null for none
 */
public record ProcessSpec(
        List<String> args,
        List<String> env,
        String cwd,
        User user,
        boolean terminal,
        ConsoleSize consoleSize,
        Capabilities capabilities,
        boolean noNewPrivileges,
        List<Rlimit> rlimits,
        Integer oomScoreAdj,
        String apparmorProfile,
        String selinuxLabel) {

    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        rlimits = List.copyOf(rlimits);
        if (cwd == null || cwd.isEmpty()) {
            cwd = "/";
        }
        if (user == null) {
            user = User.ROOT;
        }
        if (capabilities == null) {
            capabilities = Capabilities.NONE;
        }
    }

    /** A numeric user with its primary and supplementary groups. */
    public record User(int uid, int gid, List<Integer> additionalGids) {
        public static final User ROOT = new User(0, 0, List.of());

        public User {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** A terminal size in character cells. */
    public record ConsoleSize(int height, int width) {
    }

    /** A POSIX resource limit; {@code type} is the OCI name such as {@code RLIMIT_NOFILE}. */
    public record Rlimit(String type, long soft, long hard) {
    }
}
