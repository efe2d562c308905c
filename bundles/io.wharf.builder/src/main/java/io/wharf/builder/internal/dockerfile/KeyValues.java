package io.wharf.builder.internal.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code name=value ...} arguments of ENV, LABEL and ARG, split as the classic builder does: on blanks outside
 * quotes, keeping quotes and escapes for the variable substitution that follows. ENV and LABEL also take the
 * legacy {@code name value with blanks} form.
 */
public final class KeyValues {
    private KeyValues() {
    }

    /** The raw pairs, in order; values still hold their quotes. */
    public static List<Map.Entry<String, String>> parse(String keyword, String rest, char escape, boolean legacy) {
        List<String> words = rawWords(rest, escape);
        if (words.isEmpty()) {
            throw new SyntaxError(keyword + " requires at least one argument");
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (legacy && !words.get(0).contains("=")) {
            String[] parts = rest.strip().split("\\s+", 2);
            if (parts.length < 2) {
                throw new SyntaxError(keyword + " must have two arguments");
            }
            out.add(Map.entry(parts[0], parts[1]));
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                if (!legacy) {
                    out.add(Map.entry(w, ""));
                    continue;
                }
                throw new SyntaxError("Syntax error - can't find = in \"" + w
                        + "\". Must be of the form: name=value");
            }
            if (eq == 0) {
                throw new SyntaxError(keyword + " names can not be blank");
            }
            out.add(Map.entry(w.substring(0, eq), w.substring(eq + 1)));
        }
        return out;
    }

    /** Splits on blanks outside quotes; quotes and escapes stay in the words. */
    public static List<String> rawWords(String text, char escape) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            cur.append(c);
            if (c == escape && i + 1 < text.length() && quote != '\'') {
                cur.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
