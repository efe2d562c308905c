package io.wharf.builder.internal.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
    @Test
    void pairsKeepTheirQuotesForTheSubstitution() {
        assertEquals(List.of(Map.entry("A", "1"), Map.entry("B", "\"two words\""), Map.entry("C", "'x y'")),
                KeyValues.parse("ENV", "A=1 B=\"two words\" C='x y'", '\\', true));
        assertEquals(List.of(Map.entry("A", "a\\ b")), KeyValues.parse("ENV", "A=a\\ b", '\\', true));
    }

    @Test
    void theLegacyFormTakesTheRestOfTheLine() {
        assertEquals(List.of(Map.entry("GREETING", "hello   there")),
                KeyValues.parse("ENV", "GREETING hello   there", '\\', true));
        assertThrows(InvalidArgumentException.class, () -> KeyValues.parse("ENV", "ALONE", '\\', true));
    }

    @Test
    void mixedFormsAreRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> KeyValues.parse("ENV", "A=1 B", '\\', true));
        assertEquals("Syntax error - can't find = in \"B\". Must be of the form: name=value", e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> KeyValues.parse("LABEL", "=x", '\\', true));
    }

    @Test
    void argNamesMayHaveNoValue() {
        assertEquals(List.of(Map.entry("A", ""), Map.entry("B", "2")), KeyValues.parse("ARG", "A B=2", '\\', false));
    }
}
