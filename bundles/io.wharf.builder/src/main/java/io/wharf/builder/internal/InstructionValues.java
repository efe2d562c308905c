package io.wharf.builder.internal;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.builder.internal.dockerfile.Instruction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The values instructions carry, read and written as dockerd does: ports, durations, paths, health checks. */
final class InstructionValues {
    private InstructionValues() {
    }

    /** An absolute path cleaned as Go's path.Clean does; ".." at the root stays there. */
    static String cleanAbsolute(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(s);
        }
        return "/" + String.join("/", parts);
    }

    static List<String> ports(String spec) {
        String proto = "tcp";
        String p = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            p = spec.substring(0, slash);
        }
        if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
            throw new InvalidArgumentException("invalid proto: " + proto);
        }
        List<String> out2 = new ArrayList<>();
        try {
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            for (int k = from; k <= to; k++) {
                out2.add(k + "/" + proto);
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid containerPort: " + p);
        }
        return out2;
    }

    /** Go's {@code %q} of a string slice, as dockerd writes commands into the history. */
    static String goList(List<String> l, boolean quoted) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < l.size(); k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(quoted ? "\"" + l.get(k).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    + "\"" : l.get(k));
        }
        return b.append(']').toString();
    }

    /** HEALTHCHECK's config: {@code NONE}, or {@code CMD} with its flags, in the JSON or the shell form. */
    static ContainerConfig.HealthConfig healthcheck(Instruction ins) {
        ContainerConfig.HealthConfig result;
        String rest = ins.rest().strip();
        String[] kw = rest.split("\\s+", 2);
        if (kw[0].equalsIgnoreCase("NONE")) {
            if (kw.length > 1) {
                throw new InvalidArgumentException("HEALTHCHECK NONE takes no arguments");
            }
            result = new ContainerConfig.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        } else if (kw[0].equalsIgnoreCase("CMD")) {
            String cmdText = kw.length > 1 ? kw[1].strip() : "";
            if (cmdText.isEmpty()) {
                throw new InvalidArgumentException("Missing command after HEALTHCHECK CMD");
            }
            List<String> json = cmdText.startsWith("[") ? jsonList(cmdText) : null;
            List<String> test = new ArrayList<>();
            if (json != null) {
                test.add("CMD");
                test.addAll(json);
            } else {
                test.add("CMD-SHELL");
                test.add(cmdText);
            }
            long interval = duration(ins.flag("interval"), "interval");
            long timeout = duration(ins.flag("timeout"), "timeout");
            long startPeriod = duration(ins.flag("start-period"), "start-period");
            long startInterval = duration(ins.flag("start-interval"), "start-interval");
            int retries = 0;
            if (ins.flag("retries") != null) {
                try {
                    retries = Integer.parseInt(ins.flag("retries"));
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("invalid value for --retries: " + ins.flag("retries"));
                }
                if (retries < 1) {
                    throw new InvalidArgumentException("--retries must be at least 1 (not " + retries + ")");
                }
            }
            result = new ContainerConfig.HealthConfig(List.copyOf(test), interval, timeout, startPeriod,
                    startInterval, retries);
        } else {
            throw new InvalidArgumentException("Unknown type \"" + kw[0] + "\" in HEALTHCHECK (try CMD)");
        }
        return result;
    }

    /** How dockerd writes a health check into the history. */
    static String describe(ContainerConfig.HealthConfig h) {
        return "HEALTHCHECK &{" + goList(h.test(), true) + " \"" + h.interval() + " " + h.timeout() + " "
                + h.startPeriod() + " " + h.retries() + "\"}";
    }

    private static List<String> jsonList(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(text);
            if (!n.isArray()) {
                return null;
            }
            List<String> l = new ArrayList<>();
            n.forEach(e -> l.add(e.asText()));
            return l;
        } catch (IOException e) {
            return null;
        }
    }

    /** A Go duration ({@code 30s}, {@code 1m30s}, {@code 500ms}) in nanoseconds; 0 when not given. */
    static long duration(String text, String flag) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)")
                .matcher(text);
        long total2 = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double v = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total2 += (long) (v * unit);
            end = m.end();
        }
        if (end != text.length()) {
            throw new InvalidArgumentException("invalid value for --" + flag + ": time: invalid duration \"" + text
                    + "\"");
        }
        if (total2 != 0 && total2 < 1_000_000) {
            throw new InvalidArgumentException("Interval \"" + flag + "\" cannot be less than 1ms");
        }
        return total2;
    }

    /** A RUN whose only argument is a here-document runs the document as its script, as BuildKit does. */
    static String heredocScript(String text, List<Instruction.Heredoc> docs) {
        if (docs.size() == 1 && text.strip().matches("<<-?[\"']?" + docs.get(0).name() + "[\"']?")) {
            return docs.get(0).content();
        }
        StringBuilder b = new StringBuilder(text);
        for (Instruction.Heredoc d : docs) {
            b.append('\n').append(d.content()).append(d.name());
        }
        return b.toString();
    }
}
