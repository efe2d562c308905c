package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Dockerfile instructions {@code docker import --change} accepts, applied to an image's config. */
final class ImportChanges {
    private ImportChanges() {
    }

    static void apply(List<String> changes, ObjectNode config, ObjectMapper json) {
        for (String change : changes) {
            String line = change.trim();
            if (line.isEmpty()) {
                continue;
            }
            int sp = firstSpace(line);
            String op = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
            String arg = sp < 0 ? "" : line.substring(sp + 1).trim();
            switch (op) {
                case "CMD" -> config.set("Cmd", command(arg, json));
                case "ENTRYPOINT" -> config.set("Entrypoint", command(arg, json));
                case "ENV" -> pairs(arg).forEach(p -> addEnv(config, p[0], p[1]));
                case "LABEL" -> {
                    ObjectNode labels = config.with("Labels");
                    pairs(arg).forEach(p -> labels.put(p[0], p[1]));
                }
                case "EXPOSE" -> {
                    ObjectNode ports = config.with("ExposedPorts");
                    for (String p : arg.split("\\s+")) {
                        ports.putObject(p.contains("/") ? p : p + "/tcp");
                    }
                }
                case "USER" -> config.put("User", arg);
                case "WORKDIR" -> config.put("WorkingDir", arg);
                case "STOPSIGNAL" -> config.put("StopSignal", arg);
                case "VOLUME" -> {
                    ObjectNode vols = config.with("Volumes");
                    for (String v : list(arg, json)) {
                        vols.putObject(v);
                    }
                }
                case "ONBUILD" -> ImageConfigs.array(config, "OnBuild").add(arg);
                default -> throw new InvalidArgumentException(op + " is not a valid change command");
            }
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode command(String arg, ObjectMapper json) {
        ArrayNode a = json.createArrayNode();
        if (arg.startsWith("[")) {
            list(arg, json).forEach(a::add);
        } else {
            a.add("/bin/sh").add("-c").add(arg);
        }
        return a;
    }

    private static List<String> list(String arg, ObjectMapper json) {
        if (arg.startsWith("[")) {
            try {
                List<String> out = new ArrayList<>();
                json.readTree(arg).forEach(n -> out.add(n.asText()));
                return out;
            } catch (Exception e) {
                throw new InvalidArgumentException("invalid JSON array in change: " + arg);
            }
        }
        return List.of(arg.split("\\s+"));
    }

    private static List<String[]> pairs(String arg) {
        List<String[]> out = new ArrayList<>();
        if (!arg.contains("=")) {
            int sp = firstSpace(arg);
            if (sp < 0) {
                throw new InvalidArgumentException("ENV/LABEL needs a name and a value: " + arg);
            }
            out.add(new String[] {arg.substring(0, sp), arg.substring(sp + 1).trim()});
            return out;
        }
        for (String word : words(arg)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException("invalid key=value: " + word);
            }
            out.add(new String[] {word.substring(0, eq), word.substring(eq + 1)});
        }
        return out;
    }

    /** Splits on blanks outside double quotes and removes the quotes. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static void addEnv(ObjectNode config, String key, String value) {
        ArrayNode env = ImageConfigs.array(config, "Env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).asText().startsWith(key + "=")) {
                env.set(i, env.textNode(key + "=" + value));
                return;
            }
        }
        env.add(key + "=" + value);
    }
}
