package io.wharf.network.bridge.internal;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The driver's iptables rules, in chains of its own ({@code WHARF}, {@code WHARF-FORWARD},
 * {@code WHARF-ISOLATION-STAGE-1/2}, {@code WHARF-POSTROUTING}, and {@code WHARF-USER} for the operator) so that
 * Docker's chains are never touched.
 *
 * <p>The whole rule set is derived from the records and applied with one {@code iptables-restore --noflush}:
 * declaring a chain in the restore input flushes it, so every apply replaces the driver's rules atomically and a
 * restart can never duplicate one. Only the jumps from the built-in chains are added when missing, found with one
 * {@code iptables-save} the first time. {@code WHARF-USER} is created once and never flushed. When no network is
 * left the jumps and chains are removed.
 *
 * <p>Published ports are DNAT rules only (no userland proxy), so they keep working while the daemon is down (live
 * restore); {@code 127.0.0.1:port} from the host works through the jump from {@code OUTPUT}, with
 * {@code route_localnet} on the bridge and a MASQUERADE of locally sourced traffic into it.
 */
final class Firewall {
    private final Commands commands;
    private final String prefix;
    /** IPv6 gets the filter rules (isolation, internal, icc) but no NAT: containers keep their routable addresses. */
    private final boolean ipv6;
    private final Object lock = new Object();
    private Hooks hooks;

    Firewall(Commands commands, String prefix, boolean ipv6) {
        this.commands = commands;
        this.prefix = prefix;
        this.ipv6 = ipv6;
    }

    /** Whether applying an empty set has nothing to remove, so that IPv6 costs no spawn on IPv4-only hosts. */
    boolean idle() {
        synchronized (lock) {
            return hooks != null && !hooks.forward() && !hooks.prerouting();
        }
    }

    /**
     * Which jumps from the built-in chains are there, and the deletions of any that are there more than once (an
     * earlier run may have raced or crashed between adding and recording), so that one set remains.
     */
    record Hooks(boolean forward, boolean prerouting, boolean output, boolean postrouting, boolean user,
            List<String> filterDuplicates, List<String> natDuplicates) {
        Hooks(boolean forward, boolean prerouting, boolean output, boolean postrouting, boolean user) {
            this(forward, prerouting, output, postrouting, user, List.of(), List.of());
        }
    }

    void apply(List<BridgeNetwork> networks, List<BridgeEndpoint> endpoints) {
        synchronized (lock) {
            if (hooks == null) {
                hooks = inspect();
            }
            String script = networks.isEmpty() ? teardown(hooks) : rules(networks, endpoints, hooks);
            String tool = ipv6 ? "ip6tables-restore" : "iptables-restore";
            commands.check(List.of(tool, "--noflush", "-w"), script, tool + " failed");
            hooks = networks.isEmpty() ? new Hooks(false, false, false, false, hooks.user())
                    : new Hooks(true, !ipv6, !ipv6, !ipv6, true);
        }
    }

    /** Looks for the jumps from the built-in chains again on the next apply: someone may have flushed them. */
    void recheckHooks() {
        synchronized (lock) {
            hooks = null;
        }
    }

    String chain(String suffix) {
        return suffix.isEmpty() ? prefix : prefix + "-" + suffix;
    }

    private Hooks inspect() {
        String tool = ipv6 ? "ip6tables-save" : "iptables-save";
        String save = commands.check(List.of(tool), null, tool + " failed");
        String table = "";
        Map<String, Integer> seen = new java.util.HashMap<>();
        boolean user = false;
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
            } else if (table.equals("filter") && line.startsWith(":" + chain("USER") + " ")) {
                user = true;
            } else if (table.equals("filter") && line.equals(forwardHook())
                    || table.equals("nat") && (line.equals(preroutingHook()) || line.equals(outputHook())
                    || line.equals(postroutingHook()))) {
                seen.merge(table + " " + line, 1, Integer::sum);
            }
        }
        List<String> filterDuplicates = new ArrayList<>();
        List<String> natDuplicates = new ArrayList<>();
        seen.forEach((key, count) -> {
            String line = key.substring(key.indexOf(' ') + 1).replaceFirst("-A", "-D");
            for (int i = 1; i < count; i++) {
                (key.startsWith("filter ") ? filterDuplicates : natDuplicates).add(line);
            }
        });
        return new Hooks(seen.containsKey("filter " + forwardHook()), seen.containsKey("nat " + preroutingHook()),
                seen.containsKey("nat " + outputHook()), seen.containsKey("nat " + postroutingHook()), user,
                List.copyOf(filterDuplicates), List.copyOf(natDuplicates));
    }

    private String forwardHook() {
        return "-A FORWARD -j " + chain("FORWARD");
    }

    private String preroutingHook() {
        return "-A PREROUTING -m addrtype --dst-type LOCAL -j " + chain("");
    }

    private String outputHook() {
        return "-A OUTPUT -m addrtype --dst-type LOCAL -j " + chain("");
    }

    private String postroutingHook() {
        return "-A POSTROUTING -j " + chain("POSTROUTING");
    }

    String rules(List<BridgeNetwork> networks, List<BridgeEndpoint> endpoints, Hooks present) {
        Map<String, BridgeNetwork> byId = networks.stream().collect(Collectors.toMap(BridgeNetwork::id, n -> n));
        List<String> f = new ArrayList<>();
        f.add("*filter");
        for (String c : List.of("FORWARD", "", "ISOLATION-STAGE-1", "ISOLATION-STAGE-2")) {
            f.add(":" + chain(c) + " - [0:0]");
        }
        if (!present.user()) {
            f.add(":" + chain("USER") + " - [0:0]");
        }
        if (!present.forward()) {
            f.add("-I FORWARD -j " + chain("FORWARD"));
        }
        f.addAll(present.filterDuplicates());
        f.add("-A " + chain("FORWARD") + " -j " + chain("USER"));
        f.add("-A " + chain("FORWARD") + " -j " + chain("ISOLATION-STAGE-1"));
        for (BridgeNetwork n : networks) {
            String b = n.bridge();
            String fw = "-A " + chain("FORWARD");
            f.add(fw + " -o " + b + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
            f.add(fw + " -o " + b + " -j " + chain(""));
            f.add(fw + " -i " + b + " -o " + b + " -j " + (n.icc() ? "ACCEPT" : "DROP"));
            if (!n.internal()) {
                f.add(fw + " -i " + b + " ! -o " + b + " -j ACCEPT");
            }
            String s1 = "-A " + chain("ISOLATION-STAGE-1");
            if (n.internal()) {
                String subnet = (ipv6 ? n.gateway6() : n.gateway4()).network().toString();
                f.add(s1 + " ! -s " + subnet + " -o " + b + " -j DROP");
                f.add(s1 + " ! -d " + subnet + " -i " + b + " -j DROP");
            } else {
                f.add(s1 + " -i " + b + " ! -o " + b + " -j " + chain("ISOLATION-STAGE-2"));
            }
            f.add("-A " + chain("ISOLATION-STAGE-2") + " -o " + b + " -j DROP");
        }
        List<String> nat = new ArrayList<>();
        if (ipv6) {
            f.add("COMMIT");
            return String.join("\n", f) + "\n";
        }
        nat.add("*nat");
        nat.add(":" + chain("") + " - [0:0]");
        nat.add(":" + chain("POSTROUTING") + " - [0:0]");
        nat.addAll(present.natDuplicates());
        if (!present.prerouting()) {
            nat.add(preroutingHook());
        }
        if (!present.output()) {
            nat.add(outputHook());
        }
        if (!present.postrouting()) {
            nat.add("-I POSTROUTING -j " + chain("POSTROUTING"));
        }
        for (BridgeNetwork n : networks) {
            String post = "-A " + chain("POSTROUTING");
            if (n.masquerade() && !n.internal()) {
                nat.add(post + " -s " + n.gateway4().network() + " ! -o " + n.bridge() + " -j MASQUERADE");
            }
            nat.add(post + " -o " + n.bridge() + " -m addrtype --src-type LOCAL -j MASQUERADE");
        }
        for (BridgeEndpoint e : endpoints) {
            BridgeNetwork n = byId.get(e.network());
            if (n == null || e.ipv4() == null) {
                continue;
            }
            String ip = e.ipv4().ip();
            for (PortBinding p : e.ports()) {
                String proto = p.protocol();
                String match = " -p " + proto + " -m " + proto + " --dport ";
                f.add("-A " + chain("") + " -d " + ip + "/32 ! -i " + n.bridge() + " -o " + n.bridge() + match
                        + p.containerPort() + " -j ACCEPT");
                nat.add("-A " + chain("POSTROUTING") + " -s " + ip + "/32 -d " + ip + "/32" + match
                        + p.containerPort() + " -j MASQUERADE");
                String dest = p.hostIp() == null || p.hostIp().isEmpty() || p.hostIp().equals("0.0.0.0") ? ""
                        : " -d " + p.hostIp() + "/32";
                nat.add("-A " + chain("") + dest + match + p.hostPort() + " -j DNAT --to-destination " + ip + ":"
                        + p.containerPort());
            }
        }
        f.add("COMMIT");
        nat.add("COMMIT");
        return String.join("\n", f) + "\n" + String.join("\n", nat) + "\n";
    }

    private String teardown(Hooks present) {
        List<String> out = new ArrayList<>();
        out.add("*filter");
        out.add(":" + chain("FORWARD") + " - [0:0]");
        out.add(":" + chain("") + " - [0:0]");
        out.add(":" + chain("ISOLATION-STAGE-1") + " - [0:0]");
        out.add(":" + chain("ISOLATION-STAGE-2") + " - [0:0]");
        out.addAll(present.filterDuplicates());
        if (present.forward()) {
            out.add("-D FORWARD -j " + chain("FORWARD"));
        }
        for (String c : List.of("FORWARD", "", "ISOLATION-STAGE-1", "ISOLATION-STAGE-2")) {
            out.add("-X " + chain(c));
        }
        out.add("COMMIT");
        if (ipv6 && !present.prerouting() && !present.output() && !present.postrouting()) {
            return String.join("\n", out) + "\n";
        }
        out.add("*nat");
        out.add(":" + chain("") + " - [0:0]");
        out.add(":" + chain("POSTROUTING") + " - [0:0]");
        out.addAll(present.natDuplicates());
        if (present.prerouting()) {
            out.add(preroutingHook().replaceFirst("-A", "-D"));
        }
        if (present.output()) {
            out.add(outputHook().replaceFirst("-A", "-D"));
        }
        if (present.postrouting()) {
            out.add(postroutingHook().replaceFirst("-A", "-D"));
        }
        out.add("-X " + chain(""));
        out.add("-X " + chain("POSTROUTING"));
        out.add("COMMIT");
        return String.join("\n", out) + "\n";
    }
}
