package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Set;

/** dockerd's rules for a restart policy's name and retry count ({@code ValidateRestartPolicy}). */
public final class RestartPolicies {
    private static final Set<String> WITHOUT_RETRIES = Set.of("no", "always", "unless-stopped");

    private RestartPolicies() {
    }

    /** Checks a policy; an empty name is allowed with any count, as dockerd allows it for old clients. */
    public static void validate(String name, int maximumRetryCount) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (WITHOUT_RETRIES.contains(name)) {
            if (maximumRetryCount != 0) {
                throw new InvalidArgumentException("invalid restart policy: maximum retry count can only be used "
                        + "with 'on-failure'" + (maximumRetryCount < 0 ? " and cannot be negative" : ""));
            }
            return;
        }
        if (name.equals("on-failure")) {
            if (maximumRetryCount < 0) {
                throw new InvalidArgumentException("invalid restart policy: maximum retry count cannot be negative");
            }
            return;
        }
        throw new InvalidArgumentException("invalid restart policy: unknown policy '" + name
                + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }

    /** Parses the CLI form {@code name[:count]} ({@code on-failure:3}). */
    public static void validate(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            validate(spec, 0);
            return;
        }
        String count = spec.substring(colon + 1);
        int n;
        try {
            n = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid restart policy format: maximum retry count must be an "
                    + "integer");
        }
        validate(spec.substring(0, colon), n);
    }
}
