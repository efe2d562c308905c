package io.wharf.volume.local.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.regex.Pattern;

/** dockerd's rule for local volume names: they become directory names, so nothing that could leave the root. */
final class VolumeName {
    static final String ALLOWED = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
    private static final Pattern PATTERN = Pattern.compile("^" + ALLOWED + "+$");

    private VolumeName() {
    }

    static void check(String name) {
        if (name != null && name.length() == 1) {
            throw new InvalidArgumentException("create " + name
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (name == null || !PATTERN.matcher(name).matches()) {
            throw new InvalidArgumentException("create " + name + ": " + GoQuote.quote(String.valueOf(name))
                    + " includes invalid characters for a local volume name, only " + GoQuote.quote(ALLOWED)
                    + " are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    /** Whether a directory under the volumes directory can be a volume (skips temp and trash entries). */
    static boolean isValid(String name) {
        return name.length() > 1 && PATTERN.matcher(name).matches();
    }
}
