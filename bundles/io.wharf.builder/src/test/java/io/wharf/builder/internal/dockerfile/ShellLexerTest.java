package io.wharf.builder.internal.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShellLexerTest {
    private final ShellLexer lexer = new ShellLexer('\\');
    private final Map<String, String> vars = Map.of("A", "apple", "EMPTY", "", "SP", "a b");
    private final Function<String, String> env = vars::get;

    private String w(String s) {
        return lexer.word(s, env);
    }

    @Test
    void plainAndBracedVariables() {
        assertEquals("apple", w("$A"));
        assertEquals("apple-pie", w("${A}-pie"));
        assertEquals("xapplex", w("x${A}x"));
        assertEquals("", w("$UNSET"));
        assertEquals("$", w("$"));
        assertEquals("a$", w("a$"));
        assertEquals("apple_", w("${A}_"));
        assertEquals("", w("$A_"));
    }

    @Test
    void modifiers() {
        assertEquals("apple", w("${A:-default}"));
        assertEquals("default", w("${UNSET:-default}"));
        assertEquals("default", w("${EMPTY:-default}"));
        assertEquals("", w("${EMPTY-default}"));
        assertEquals("default", w("${UNSET-default}"));
        assertEquals("set", w("${A:+set}"));
        assertEquals("", w("${EMPTY:+set}"));
        assertEquals("set", w("${EMPTY+set}"));
        assertEquals("", w("${UNSET:+set}"));
        assertEquals("apple", w("${UNSET:-$A}"));
        assertEquals("x y", w("${UNSET:-x y}"));
        assertEquals("apple", w("${A:?must be set}"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> w("${UNSET:?must be set}"));
        assertEquals("UNSET: must be set", e.getMessage());
    }

    @Test
    void quotesAndEscapes() {
        assertEquals("$A", w("'$A'"));
        assertEquals("apple pie", w("\"$A pie\""));
        assertEquals("$A", w("\\$A"));
        assertEquals("$A", w("\"\\$A\""));
        assertEquals("a\\b", w("\"a\\b\""));
        assertEquals("ab", w("a\\b"));
        assertEquals("say \"hi\"", w("\"say \\\"hi\\\"\""));
        assertEquals("it's", w("\"it's\""));
        assertThrows(InvalidArgumentException.class, () -> w("'open"));
        assertThrows(InvalidArgumentException.class, () -> w("\"open"));
        assertThrows(InvalidArgumentException.class, () -> w("${A"));
    }

    @Test
    void wordsSplitOnUnquotedBlanksOnly() {
        assertEquals(List.of("a", "b c", "apple", "a b"), lexer.words("a  'b c' $A \"$SP\"", env));
        // a variable's value is not split again, unlike a shell
        assertEquals(List.of("a b"), lexer.words("$SP", env));
        assertEquals(List.of(), lexer.words("   ", env));
    }

    @Test
    void theBacktickEscape() {
        ShellLexer windows = new ShellLexer('`');
        assertEquals("c:\\dir", windows.word("c:\\dir", env));
        assertEquals("$A", windows.word("`$A", env));
    }
}
