package io.wharf.builder.internal.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore}: one pattern a line, Go's {@code filepath.Match} syntax plus {@code **} for any number of
 * directories, {@code !} for exceptions; the last matching line wins, and a pattern that matches a directory
 * matches everything under it.
 */
public final class DockerIgnore {
    private record Rule(Pattern regex, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty() || cleaned.equals(".")) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(regex(cleaned)), exception));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** True when {@code path} (relative to the context, with "/") is excluded. */
    public boolean excluded(String path) {
        String p = clean(path);
        boolean excluded = false;
        for (Rule r : rules) {
            if (r.exception() != excluded) {
                continue; // cannot change the outcome
            }
            if (matchesOrParent(r.regex(), p)) {
                excluded = !r.exception();
            }
        }
        return excluded;
    }

    /** True when some exception could re-include a path under the excluded directory {@code dir}. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    private static boolean matchesOrParent(Pattern regex, String path) {
        if (regex.matcher(path).matches()) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            path = path.substring(0, slash);
            if (regex.matcher(path).matches()) {
                return true;
            }
            slash = path.lastIndexOf('/');
        }
        return false;
    }

    /** Cleans as Go's filepath.Clean, relative: no leading "/", no "." or empty elements, ".." resolved. */
    static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                }
                continue; // ".." above the context root stays at the root
            }
            parts.add(s);
        }
        return String.join("/", parts);
    }

    static String regex(String pattern) {
        StringBuilder b = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                        i++;
                        b.append("(.*/)?"); // "**/" is zero or more directories
                    } else {
                        b.append(".*");
                    }
                } else {
                    b.append("[^/]*");
                }
            } else if (c == '?') {
                b.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    b.append("\\[");
                } else {
                    String cls = pattern.substring(i + 1, end);
                    if (cls.startsWith("^")) {
                        cls = "!" + cls.substring(1);
                    }
                    b.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1).replace("\\", "\\\\")
                            : cls.replace("\\", "\\\\")).append(']');
                    i = end;
                }
            } else if (c == '\\' && i + 1 < n) {
                b.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.append('$').toString();
    }
}
