package io.wharf.daemon.internal.volume;

import io.wharf.api.errors.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Volume names: the generated ones of anonymous volumes, and the rule every name must pass to be kept on disk. */
final class VolumeNames {
    /** The label dockerd 23+ puts on volumes created without a name; prune removes only these by default. */
    static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    static final String ALLOWED = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
    private static final Pattern VALID = Pattern.compile(ALLOWED + "+");
    private static final Pattern CALLER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final SecureRandom random = new SecureRandom();

    /** 64 hex digits, like a container ID. */
    String generate() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** dockerd's 400 for names that cannot be a directory or record name. */
    static void check(String name) {
        if (name.length() == 1) {
            throw new InvalidArgumentException("create " + name
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!VALID.matcher(name).matches()) {
            throw new InvalidArgumentException("create " + name + ": \"" + name.replace("\"", "\\\"")
                    + "\" includes invalid characters for a local volume name, only \"" + ALLOWED
                    + "\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    static boolean isValid(String name) {
        return name != null && name.length() > 1 && VALID.matcher(name).matches();
    }

    static void checkContainer(String containerId) {
        if (containerId == null || !CALLER.matcher(containerId).matches()) {
            throw new InvalidArgumentException("invalid volume reference ID: " + containerId);
        }
    }

}
