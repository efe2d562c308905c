package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws Exception {
        Map<String, Object> m = JsonReader.parseObject("""
                {
                  "s": "a\\"b\\\\c\\n\\u00e9",
                  "i": -42, "d": 1.5e2, "t": true, "f": false, "n": null,
                  "l": ["x", 1, {"k": []}],
                  "o": {"nested": {"deep": "yes"}}
                }
                """);
        assertEquals("a\"b\\c\né", m.get("s"));
        assertEquals(-42L, m.get("i"));
        assertEquals(150.0, m.get("d"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertEquals(List.of("x", 1L, Map.of("k", List.of())), m.get("l"));
        assertEquals(Map.of("nested", Map.of("deep", "yes")), m.get("o"));
        assertEquals(List.of("s", "i", "d", "t", "f", "n", "l", "o"), List.copyOf(m.keySet()), "document order");
    }

    @Test
    void reportsWhereTheTextIsBroken() {
        JsonReader.JsonException e = assertThrows(JsonReader.JsonException.class,
                () -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\": x\n}"));
        assertEquals("invalid character 'x' looking for beginning of value (line 3, column 8)", e.getMessage());
    }

    @Test
    void refusesMalformedDocuments() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"open", "{} {}", "01x", "tru",
                "{\"a\":1,\"a\":2}", "[\"\\q\"]")) {
            assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse(bad), bad);
        }
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.parseObject("[1]"));
    }

    @Test
    void writerRoundTrips() throws Exception {
        String text = "{\"runtimes\":{\"crun\":{\"path\":\"/usr/bin/crun\",\"runtimeArgs\":[\"--debug\"]}},"
                + "\"n\":3,\"b\":false,\"s\":\"q\\\"\\n\"}";
        Object value = JsonReader.parse(text);
        assertEquals(text, JsonWriter.write(value));
    }
}
