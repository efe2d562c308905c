package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands the tests use to look at the host as a user would, and to clean up whatever a failed test left. */
final class HostNet {
    private HostNet() {
    }

    record Out(int code, String text) {
    }

    static Out sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Out(-1, "timed out: " + String.join(" ", command));
            }
            return new Out(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Out(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Out(-1, e.toString());
        }
    }

    static String ok(String... command) {
        Out out = sh(command);
        assertTrue(out.code() == 0, String.join(" ", command) + " failed: " + out.text());
        return out.text();
    }

    static String links() {
        return ok("ip", "-o", "link");
    }

    /** The rules of both tables that mention {@code word}. */
    static List<String> rulesMentioning(String word) {
        List<String> hits = new ArrayList<>();
        for (String line : ok("iptables-save").split("\n")) {
            if (line.contains(word)) {
                hits.add(line);
            }
        }
        return hits;
    }

    /** Removes the chains named with {@code prefix} and every jump to them, whatever state a test left. */
    static void removeChains(String prefix) {
        removeChains(prefix, "iptables");
    }

    static void removeChains6(String prefix) {
        removeChains(prefix, "ip6tables");
    }

    private static void removeChains(String prefix, String tool) {
        String table = "";
        StringBuilder script = new StringBuilder();
        List<String> chains = new ArrayList<>();
        for (String line : ok(tool + "-save").split("\n")) {
            if (line.startsWith("*")) {
                if (!chains.isEmpty() || script.length() > 0) {
                    flush(script, table, chains);
                }
                table = line.substring(1);
                chains.clear();
            } else if (line.startsWith(":" + prefix)) {
                chains.add(line.substring(1, line.indexOf(' ')));
            } else if (line.startsWith("-A ") && line.contains("-j " + prefix) && !line.startsWith("-A " + prefix)) {
                script.append("*").append(table).append('\n').append(line.replaceFirst("-A", "-D")).append("\nCOMMIT\n");
            }
        }
        flush(script, table, chains);
        if (script.length() > 0) {
            try {
                Process p = new ProcessBuilder(tool + "-restore", "--noflush", "-w").redirectErrorStream(true).start();
                p.getOutputStream().write(script.toString().getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                // best effort
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void flush(StringBuilder script, String table, List<String> chains) {
        if (chains.isEmpty()) {
            return;
        }
        script.append("*").append(table).append('\n');
        for (String c : chains) {
            script.append("-F ").append(c).append('\n');
        }
        for (String c : chains) {
            script.append("-X ").append(c).append('\n');
        }
        script.append("COMMIT\n");
        chains.clear();
    }
}
