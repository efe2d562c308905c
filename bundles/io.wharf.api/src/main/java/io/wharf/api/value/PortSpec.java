package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Locale;

/** A container port or range with its protocol, as {@code 80/tcp} or {@code 8000-8010/udp} (tcp when omitted). */
public record PortSpec(int start, int end, String proto) {
    /** Parses a port key of {@code ExposedPorts} or {@code PortBindings}. */
    public static PortSpec parse(String spec) {
        if (spec == null) {
            throw invalid("");
        }
        int slash = spec.indexOf('/');
        String port = slash < 0 ? spec : spec.substring(0, slash);
        String proto = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw invalid(spec);
        }
        int[] range = range(port, spec);
        return new PortSpec(range[0], range[1], proto);
    }

    /**
     * Checks a binding's {@code HostPort}: empty (any free port), a port or a range, optionally with a protocol,
     * as dockerd's {@code nat.NewPort(nat.SplitProtoPort(hostPort))} takes it.
     */
    public static void parseHostPort(String hostPort) {
        if (hostPort == null || hostPort.isEmpty()) {
            return;
        }
        int slash = hostPort.indexOf('/');
        range(slash < 0 ? hostPort : hostPort.substring(0, slash), hostPort);
    }

    private static int[] range(String port, String whole) {
        int dash = port.indexOf('-');
        int start = number(dash < 0 ? port : port.substring(0, dash), whole);
        int end = dash < 0 ? start : number(port.substring(dash + 1), whole);
        if (end < start) {
            throw invalid(whole);
        }
        return new int[] {start, end};
    }

    private static int number(String s, String whole) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(whole);
        }
        int n = Integer.parseInt(s);
        if (n > 65535) {
            throw invalid(whole);
        }
        return n;
    }

    private static InvalidArgumentException invalid(String spec) {
        return new InvalidArgumentException("invalid port specification: \"" + spec + "\"");
    }
}
