package io.wharf.builder.internal.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's variable substitution in Dockerfile words: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?msg}}, single and double quotes
 * and the escape character. Quotes are removed as a shell would; {@link #words} also splits on unquoted blanks.
 */
public final class ShellLexer {
    private final char escape;

    public ShellLexer(char escape) {
        this.escape = escape;
    }

    /** The word with variables expanded and quotes removed; {@code env} answers null for an unset variable. */
    public String word(String text, Function<String, String> env) {
        List<String> w = process(text, env, false);
        return w.isEmpty() ? "" : w.get(0);
    }

    /** The words, split on blanks outside quotes, with variables expanded and quotes removed. */
    public List<String> words(String text, Function<String, String> env) {
        return process(text, env, true);
    }

    private List<String> process(String text, Function<String, String> env, boolean split) {
        Scanner s = new Scanner(text);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        while (!s.atEnd()) {
            char c = s.next();
            if (split && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == escape) {
                if (!s.atEnd()) {
                    cur.append(s.next());
                }
            } else if (c == '\'') {
                cur.append(singleQuoted(s));
            } else if (c == '"') {
                cur.append(doubleQuoted(s, env));
            } else if (c == '$') {
                cur.append(variable(s, env));
            } else {
                cur.append(c);
            }
        }
        if (inWord || !split) {
            out.add(cur.toString());
        }
        return out;
    }

    private String singleQuoted(Scanner s) {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (s.atEnd()) {
                throw new SyntaxError("unexpected end of statement while looking for matching single-quote");
            }
            char c = s.next();
            if (c == '\'') {
                return b.toString();
            }
            b.append(c);
        }
    }

    private String doubleQuoted(Scanner s, Function<String, String> env) {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (s.atEnd()) {
                throw new SyntaxError("unexpected end of statement while looking for matching double-quote");
            }
            char c = s.next();
            if (c == '"') {
                return b.toString();
            }
            if (c == '$') {
                b.append(variable(s, env));
            } else if (c == escape && !s.atEnd()) {
                // inside double quotes the escape only escapes ", $ and itself, as in a shell
                char n = s.peek();
                if (n == '"' || n == '$' || n == escape) {
                    b.append(s.next());
                } else {
                    b.append(c);
                }
            } else {
                b.append(c);
            }
        }
    }

    /** After a {@code $}: the variable's value, or the {@code $} itself when no name follows. */
    private String variable(Scanner s, Function<String, String> env) {
        if (s.atEnd()) {
            return "$";
        }
        char c = s.peek();
        if (c == '{') {
            s.next();
            String name = name(s);
            if (name.isEmpty()) {
                throw new SyntaxError("bad substitution: missing variable name");
            }
            if (s.atEnd()) {
                throw new SyntaxError("missing '}' in ${" + name);
            }
            char op = s.next();
            if (op == '}') {
                return orEmpty(env.apply(name));
            }
            boolean colon = false;
            if (op == ':') {
                colon = true;
                if (s.atEnd()) {
                    throw new SyntaxError("missing '}' in ${" + name);
                }
                op = s.next();
            }
            if (op != '-' && op != '+' && op != '?') {
                throw new SyntaxError("unsupported modifier (" + op + ") in substitution");
            }
            String word = braced(s, env);
            String value = env.apply(name);
            boolean set = colon ? value != null && !value.isEmpty() : value != null;
            return switch (op) {
                case '-' -> set ? value : word;
                case '+' -> set ? word : "";
                default -> {
                    if (!set) {
                        throw new SyntaxError(name + ": " + (word.isEmpty() ? "is not allowed to be unset"
                                : word));
                    }
                    yield value;
                }
            };
        }
        String name = name(s);
        if (name.isEmpty()) {
            return "$";
        }
        return orEmpty(env.apply(name));
    }

    /** The word of a {@code ${VAR:-word}} up to its closing brace, itself expanded. */
    private String braced(Scanner s, Function<String, String> env) {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (s.atEnd()) {
                throw new SyntaxError("missing '}' in substitution");
            }
            char c = s.next();
            if (c == '}') {
                return b.toString();
            }
            if (c == escape && !s.atEnd()) {
                b.append(s.next());
            } else if (c == '$') {
                b.append(variable(s, env));
            } else if (c == '\'') {
                b.append(singleQuoted(s));
            } else if (c == '"') {
                b.append(doubleQuoted(s, env));
            } else {
                b.append(c);
            }
        }
    }

    private static String name(Scanner s) {
        StringBuilder b = new StringBuilder();
        while (!s.atEnd()) {
            char c = s.peek();
            if (Character.isLetterOrDigit(c) || c == '_') {
                if (b.isEmpty() && Character.isDigit(c)) {
                    b.append(s.next());
                    return b.toString(); // positional parameters are one digit, as in a shell
                }
                b.append(s.next());
            } else {
                break;
            }
        }
        return b.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char next() {
            return text.charAt(pos++);
        }

        char peek() {
            return text.charAt(pos);
        }
    }
}
