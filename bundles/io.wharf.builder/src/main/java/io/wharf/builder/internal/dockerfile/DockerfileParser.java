package io.wharf.builder.internal.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile as the classic builder does: parser directives at the top ({@code escape}, {@code syntax}),
 * comments, line continuations with the escape character, leading {@code --flags}, JSON or shell form, and
 * here-documents in RUN, COPY and ADD.
 */
public final class DockerfileParser {
    /** Every instruction the builder knows. */
    public static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV",
            "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK",
            "SHELL");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)(\\2)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerfileParser() {
    }

    public static Dockerfile parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        char escape = '\\';
        int i = 0;
        // directives: only before the first comment that is not one, empty line or instruction
        Set<String> seen = new java.util.HashSet<>();
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw new DockerfileSyntaxException(i + 1, "only one " + name + " parser directive can be used");
            }
            if (name.equals("escape")) {
                String v = m.group(2);
                if (!v.equals("\\") && !v.equals("`")) {
                    throw new DockerfileSyntaxException(i + 1, "invalid escape token '" + v
                            + "' does not match ` or \\");
                }
                escape = v.charAt(0);
            }
        }
        List<Instruction> out = new ArrayList<>();
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            String piece = line;
            i++;
            while (true) {
                String stripped = stripContinuation(piece, escape);
                if (stripped == null) {
                    logical.append(piece);
                    break;
                }
                logical.append(stripped);
                // comments and empty lines inside a continued instruction are dropped
                while (i < lines.length && (lines[i].strip().isEmpty() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
                if (i >= lines.length) {
                    break;
                }
                piece = lines[i++];
            }
            String text2 = logical.toString().strip();
            Instruction ins = instruction(text2, start, escape);
            if (HEREDOC_KEYWORDS.contains(ins.keyword())) {
                List<Instruction.Heredoc> docs = new ArrayList<>();
                Matcher m = HEREDOC.matcher(ins.rest());
                while (m.find() && !ins.isJson()) {
                    boolean strip = !m.group(1).isEmpty();
                    String name = m.group(3);
                    StringBuilder body = new StringBuilder();
                    boolean closed = false;
                    while (i < lines.length) {
                        String l = lines[i++];
                        String cmp = strip ? l.replaceFirst("^\t+", "") : l;
                        if (cmp.equals(name)) {
                            closed = true;
                            break;
                        }
                        body.append(cmp).append('\n');
                    }
                    if (!closed) {
                        throw new DockerfileSyntaxException(start, "unterminated heredoc " + name);
                    }
                    docs.add(new Instruction.Heredoc(name, body.toString(), m.group(2).isEmpty()));
                }
                if (!docs.isEmpty()) {
                    ins = new Instruction(ins.keyword(), ins.flags(), ins.rest(), ins.json(), List.copyOf(docs),
                            ins.line(), ins.original());
                }
            }
            out.add(ins);
        }
        return new Dockerfile(List.copyOf(out), escape);
    }

    /** The line without its trailing escape character, or null when it does not continue. */
    private static String stripContinuation(String line, char escape) {
        String s = line.stripTrailing();
        if (!s.isEmpty() && s.charAt(s.length() - 1) == escape) {
            // an escaped escape character at the end is not a continuation
            int n = 0;
            for (int k = s.length() - 1; k >= 0 && s.charAt(k) == escape; k--) {
                n++;
            }
            if (n % 2 == 1) {
                return s.substring(0, s.length() - 1);
            }
        }
        return null;
    }

    /** Parses one logical line: keyword, flags and arguments. */
    public static Instruction instruction(String text, int line, char escape) {
        int sp = firstSpace(text);
        String keyword = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
        String rest = sp < 0 ? "" : text.substring(sp).strip();
        if (!KEYWORDS.contains(keyword)) {
            throw new DockerfileSyntaxException(line, "unknown instruction: " + keyword);
        }
        Map<String, List<String>> flags = new LinkedHashMap<>();
        if (!keyword.equals("ONBUILD")) {
            while (rest.startsWith("--")) {
                int end = firstSpace(rest);
                String flag = end < 0 ? rest : rest.substring(0, end);
                rest = end < 0 ? "" : rest.substring(end).strip();
                String body = flag.substring(2);
                if (body.isEmpty()) {
                    break; // "--" ends the flags
                }
                int eq = body.indexOf('=');
                String name = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "true" : body.substring(eq + 1);
                flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        List<String> json = null;
        if (rest.startsWith("[") && takesJson(keyword)) {
            json = jsonArray(rest);
        }
        return new Instruction(keyword, flags, rest, json, List.of(), line, text);
    }

    private static boolean takesJson(String keyword) {
        return switch (keyword) {
            case "RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME", "HEALTHCHECK" -> true;
            default -> false;
        };
    }

    /** The strings of a JSON array, or null when the text is not one (then it is the shell form). */
    static List<String> jsonArray(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return null;
                }
                out.add(e.asText());
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }
}
