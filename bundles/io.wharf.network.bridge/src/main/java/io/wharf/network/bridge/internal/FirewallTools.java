package io.wharf.network.bridge.internal;

import io.wharf.linux.files.SearchPath;
import java.util.function.Function;

/**
 * Whether the host has iptables and ip6tables, found as the driver runs them: on the daemon's {@code PATH}.
 * Without them the driver still plumbs bridges and addresses, but applies no rules; publishing a port is then
 * refused rather than accepted without effect.
 */
final class FirewallTools {
    private final Function<String, String> env;

    FirewallTools() {
        this(System::getenv);
    }

    /** With another environment, for tests. */
    FirewallTools(Function<String, String> env) {
        this.env = env;
    }

    boolean iptables() {
        return onPath("iptables-restore") && onPath("iptables-save");
    }

    boolean ip6tables() {
        return onPath("ip6tables-restore") && onPath("ip6tables-save");
    }

    /** The refusal of {@code -p} on a host without iptables. */
    static String noPublishing() {
        return "cannot publish ports: iptables is not available on this host (iptables-restore not found in PATH)";
    }

    boolean onPath(String tool) {
        return SearchPath.has(env.apply("PATH"), tool);
    }
}
