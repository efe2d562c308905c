package io.wharf.builder.internal.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One instruction of a Dockerfile after line continuations are joined.
 *
 * @param keyword the instruction's name, upper case ({@code RUN})
 * @param flags the leading {@code --name=value} flags, by name (a flag without value maps to "true")
 * @param rest the arguments after the flags, as written (shell form), or the JSON text
 * @param json the arguments of the JSON (exec) form, or null for the shell form
 * @param heredocs the here-documents the instruction opens, in order
 * @param line the line number the instruction starts on (1-based)
 * @param original the instruction as written, continuations joined (used in messages and the cache)
 */
public record Instruction(String keyword, Map<String, List<String>> flags, String rest, List<String> json,
        List<Heredoc> heredocs, int line, String original) {

    /** {@code <<NAME} ... {@code NAME}: its name, its content, and whether variables are expanded in it. */
    public record Heredoc(String name, String content, boolean expand) {
    }

    public boolean isJson() {
        return json != null;
    }

    /** The last value of a flag, or null. */
    public String flag(String name) {
        List<String> v = flags.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** The instruction with another keyword and arguments (an ONBUILD trigger's inner instruction). */
    public Instruction withText(String keyword, Map<String, List<String>> flags, String rest, List<String> json) {
        return new Instruction(keyword, flags, rest, json, heredocs, line, original);
    }
}
