package io.wharf.network.bridge.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default address pools new networks take their subnets from: dockerd's {@code default-address-pools}
 * ({@code [{"base":"172.80.0.0/16","size":24}]}) or, when not configured, dockerd's built-in list.
 */
record AddressPools(List<Base> bases) {

    /** A base range cut into subnets of {@code size} bits of prefix. */
    record Base(Cidr base, int size) {
    }

    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern BASE = Pattern.compile("\"base\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    static AddressPools dockerDefaults() {
        List<Base> bases = new ArrayList<>();
        for (int second = 17; second <= 31; second++) {
            bases.add(new Base(Cidr.parse("172." + second + ".0.0/16"), 16));
        }
        bases.add(new Base(Cidr.parse("192.168.0.0/16"), 20));
        return new AddressPools(List.copyOf(bases));
    }

    /** Parses the configuration's JSON text; empty or absent means dockerd's defaults. */
    static AddressPools parse(String json) {
        if (json == null || json.isBlank() || json.strip().equals("[]")) {
            return dockerDefaults();
        }
        List<Base> bases = new ArrayList<>();
        Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            Matcher base = BASE.matcher(object.group(1));
            Matcher size = SIZE.matcher(object.group(1));
            if (!base.find()) {
                throw new InvalidArgumentException("default-address-pools: an entry has no base: " + object.group());
            }
            Cidr cidr = Cidr.parse(base.group(1)).network();
            int length = size.find() ? Integer.parseInt(size.group(1)) : cidr.prefix();
            if (length < cidr.prefix() || length > cidr.bits()) {
                throw new InvalidArgumentException("default-address-pools: invalid size " + length + " for "
                        + cidr);
            }
            bases.add(new Base(cidr, length));
        }
        if (bases.isEmpty()) {
            throw new InvalidArgumentException("default-address-pools: no pools in " + json);
        }
        return new AddressPools(List.copyOf(bases));
    }
}
