package io.wharf.api.value;

import io.wharf.api.container.ContainerResources.Ulimit;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.Set;

/** A ulimit, {@code nofile=1024[:2048]} as {@code --ulimit} takes it, checked with go-units' rules and wording. */
public final class Ulimits {
    private static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private Ulimits() {
    }

    public static Ulimit parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new InvalidArgumentException("invalid ulimit argument: " + spec);
        }
        String[] limits = spec.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw new InvalidArgumentException("too many limit value arguments - " + spec.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`");
        }
        long soft = number(limits[0]);
        long hard = limits.length == 2 ? number(limits[1]) : soft;
        Ulimit u = new Ulimit(spec.substring(0, eq), soft, hard);
        validate(u);
        return u;
    }

    public static void validate(Ulimit u) {
        if (!NAMES.contains(u.name())) {
            throw new InvalidArgumentException("invalid ulimit type: " + u.name());
        }
        if (u.soft() > u.hard() && u.hard() != -1) {
            throw new InvalidArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                    + u.soft() + " > " + u.hard());
        }
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
        }
    }
}
