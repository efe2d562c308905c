package io.wharf.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Each test daemon's own default bridge and subnet, so that daemons of concurrent test runs never share a bridge,
 * an address range or iptables chains; chosen once per daemon directory (a restarted daemon keeps them), and
 * removed with the daemon: its bridges, and the chains the bridge driver names after the bridge.
 */
public final class DaemonBridge {
    private static final String FILE = "bridge.args";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DaemonBridge() {
    }

    /** {@code --bridge NAME --bip CIDR} for the daemon in {@code dir}. */
    public static List<String> args(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            byte[] b = new byte[3];
            RANDOM.nextBytes(b);
            // 7 characters: the driver's chains are then WH-<NAME>, within iptables' name limit
            String name = "wt" + HexFormat.of().formatHex(b).substring(0, 5);
            Files.writeString(f, name + " " + freeSubnet() + "\n");
        }
        String[] v = Files.readString(f).trim().split(" ");
        return List.of("--bridge", v[0], "--bip", v[1]);
    }

    /** The bridge name of the daemon in {@code dir}, or null when it has none of its own. */
    public static String bridge(Path dir) {
        try {
            Path f = dir.resolve(FILE);
            return Files.exists(f) ? Files.readString(f).trim().split(" ")[0] : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The iptables chain prefix the bridge driver uses for that bridge. */
    public static String chainPrefix(String bridge) {
        return "WH-" + bridge.toUpperCase(Locale.ROOT);
    }

    /** A /24 under 10.200.0.0/13 that the host routes to nowhere yet. */
    private static String freeSubnet() throws IOException {
        String routes = run("ip", "-o", "-4", "route", "show", "table", "all");
        for (int i = 0; i < 200; i++) {
            int x = 200 + RANDOM.nextInt(8);
            int y = RANDOM.nextInt(256);
            String net = "10." + x + "." + y + ".";
            if (!routes.contains(net + "0/") && !routes.contains(" " + net)) {
                return net + "1/24";
            }
        }
        throw new IOException("no free 10.200.0.0/13 subnet found");
    }

    /** Removes the bridges of the daemon in {@code dir} and its iptables chains; absent ones are fine. */
    public static void cleanUp(Path dir) {
        String bridge = bridge(dir);
        if (bridge == null) {
            return;
        }
        List<String> links = new ArrayList<>(List.of(bridge));
        Path records = dir.resolve("data/network/bridge/networks");
        if (Files.isDirectory(records)) {
            try (Stream<Path> s = Files.list(records)) {
                for (Path p : s.toList()) {
                    for (String line : Files.readAllLines(p)) {
                        if (line.startsWith("bridge=")) {
                            links.add(line.substring("bridge=".length()));
                        }
                    }
                }
            } catch (IOException e) {
                // the default bridge is still removed
            }
        }
        for (String link : links.stream().distinct().toList()) {
            quietly("ip", "link", "del", link);
        }
        String prefix = chainPrefix(bridge);
        for (String family : List.of("iptables", "ip6tables")) {
            removeChains(family, prefix);
        }
    }

    private static void removeChains(String family, String prefix) {
        String save;
        try {
            save = run(family + "-save");
        } catch (IOException e) {
            return;
        }
        String table = null;
        List<String[]> jumps = new ArrayList<>();
        List<String[]> chains = new ArrayList<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1).trim();
            } else if (line.startsWith(":" + prefix + " ") || line.startsWith(":" + prefix + "-")) {
                chains.add(new String[] {table, line.substring(1).split(" ")[0]});
            } else if (line.startsWith("-A ") && !line.startsWith("-A " + prefix)
                    && (line.contains("-j " + prefix + " ") || line.endsWith("-j " + prefix)
                    || line.contains("-j " + prefix + "-"))) {
                jumps.add(new String[] {table, line.substring(3)});
            }
        }
        for (String[] j : jumps) {
            List<String> cmd = new ArrayList<>(List.of(family, "-w", "-t", j[0], "-D"));
            cmd.addAll(List.of(j[1].split(" ")));
            quietly(cmd.toArray(String[]::new));
        }
        for (String[] c : chains) {
            quietly(family, "-w", "-t", c[0], "-F", c[1]);
        }
        for (String[] c : chains) {
            quietly(family, "-w", "-t", c[0], "-X", c[1]);
        }
    }

    private static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException e) {
            // absent already
        }
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
