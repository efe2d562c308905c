package io.wharf.rest.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.errors.InvalidArgumentException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a request body read by the rules of Go's encoding/json, which dockerd decodes with: field
 * names match without regard to case (the last matching key wins), unknown fields and JSON {@code null} are
 * ignored, and a value of the wrong JSON type is refused rather than coerced, with Go's message naming the field
 * ({@code json: cannot unmarshal number into Go struct field ContainerConfig.Cmd of type []string}).
 */
public final class GoFields {
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonNode node;
    private final String struct;
    private final String path;

    private GoFields(JsonNode node, String struct, String path) {
        this.node = node;
        this.struct = struct;
        this.path = path;
    }

    /**
     * The top-level object of a body; {@code struct} names it in errors, {@code goType} is what a body of another
     * shape is refused as ({@code container.CreateRequest}). An absent or {@code null} body reads as empty.
     */
    public static GoFields of(JsonNode body, String struct, String goType) {
        if (body != null && !body.isNull() && !body.isMissingNode() && !body.isObject()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + kind(body) + " into Go value of type "
                    + goType);
        }
        return new GoFields(body == null || !body.isObject() ? null : body, struct, "");
    }

    /** Whether the object was in the body (and not {@code null}). */
    public boolean present() {
        return node != null;
    }

    /** The value of {@code name}, or null when absent or {@code null}. */
    public JsonNode get(String name) {
        if (node == null) {
            return null;
        }
        JsonNode found = node.get(name);
        // Go matches every key that folds to the field's name, in document order: the last one wins
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                found = node.get(key);
            }
        }
        return found == null || found.isNull() ? null : found;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** A Go {@code string}; null when absent. */
    public String string(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw mismatch(name, v, "string");
        }
        return v.textValue();
    }

    public String string(String name, String fallback) {
        String s = string(name);
        return s == null ? fallback : s;
    }

    /** A Go {@code bool}; false when absent. */
    public boolean bool(String name) {
        Boolean b = optionalBool(name);
        return b != null && b;
    }

    /** A Go {@code *bool}; null when absent. */
    public Boolean optionalBool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw mismatch(name, v, "bool");
        }
        return v.booleanValue();
    }

    /** A Go {@code int64}; null when absent. */
    public Long int64(String name) {
        return integer(name, "int64", INT64_MIN, INT64_MAX);
    }

    /** A Go {@code int} (64 bits wide on dockerd's platforms) read into a Java int; null when absent. */
    public Integer int32(String name) {
        Long v = integer(name, "int", BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
        return v == null ? null : v.intValue();
    }

    /** An unsigned Go integer of {@code bits} bits (at most 63 here); null when absent. */
    public Long unsigned(String name, int bits) {
        return integer(name, "uint" + bits, BigInteger.ZERO, BigInteger.ONE.shiftLeft(Math.min(bits, 63)).subtract(
                BigInteger.ONE));
    }

    /** A Go {@code float64}; null when absent. */
    public Double float64(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw mismatch(name, v, "float64");
        }
        return v.doubleValue();
    }

    /** A Go {@code []string}; null when absent. */
    public List<String> strings(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw mismatch(name, v, "[]string");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isNull()) {
                out.add("");
            } else if (!e.isTextual()) {
                throw mismatch(name, e, "string");
            } else {
                out.add(e.textValue());
            }
        }
        return out;
    }

    /** dockerd's {@code strslice.StrSlice}: a string (one element) or an array of strings; null when absent. */
    public List<String> strSlice(String name) {
        JsonNode v = get(name);
        if (v != null && v.isTextual()) {
            return List.of(v.textValue());
        }
        return strings(name);
    }

    /** A Go {@code map[string]string}; {@code null} values are empty strings; null when absent. */
    public Map<String, String> stringMap(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw mismatch(name, v, "map[string]string");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (!value.isNull() && !value.isTextual()) {
                throw mismatch(name, value, "string");
            }
            out.put(e.getKey(), value.isNull() ? "" : value.textValue());
        }
        return out;
    }

    /** A Go {@code map[string]struct{}} (ExposedPorts, Volumes): its keys; null when absent. */
    public Set<String> keySet(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw mismatch(name, v, "map[string]struct {}");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull() && !e.getValue().isObject()) {
                throw mismatch(name, e.getValue(), "struct {}");
            }
            out.add(e.getKey());
        }
        return out;
    }

    /** A nested struct ({@code goType} names it in errors); an empty, absent object when absent. */
    public GoFields object(String name, String goType) {
        JsonNode v = get(name);
        if (v != null && !v.isObject()) {
            throw mismatch(name, v, goType);
        }
        return new GoFields(v, struct, path + name + ".");
    }

    /** A Go slice of structs; null when absent. */
    public List<GoFields> objects(String name, String goType) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw mismatch(name, v, "[]" + goType);
        }
        List<GoFields> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isNull() && !e.isObject()) {
                throw mismatch(name, e, goType);
            }
            out.add(new GoFields(e.isNull() ? null : e, struct, path + name + "."));
        }
        return out;
    }

    /** A Go map of string to struct; null when absent. */
    public Map<String, GoFields> objectMap(String name, String goType) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw mismatch(name, v, "map[string]" + goType);
        }
        Map<String, GoFields> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull() && !e.getValue().isObject()) {
                throw mismatch(name, e.getValue(), goType);
            }
            out.put(e.getKey(), new GoFields(e.getValue().isNull() ? null : e.getValue(), struct, path + name + "."));
        }
        return out;
    }

    /** A Go map of string to a slice of structs (a {@code PortMap}); null when absent. */
    public Map<String, List<GoFields>> objectListMap(String name, String goType) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw mismatch(name, v, "map[string][]" + goType);
        }
        Map<String, List<GoFields>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode list = e.getValue();
            if (!list.isNull() && !list.isArray()) {
                throw mismatch(name, list, "[]" + goType);
            }
            List<GoFields> items = new ArrayList<>();
            if (list.isArray()) {
                for (JsonNode item : list) {
                    if (!item.isNull() && !item.isObject()) {
                        throw mismatch(name, item, goType);
                    }
                    items.add(new GoFields(item.isNull() ? null : item, struct, path + name + "."));
                }
            }
            out.put(e.getKey(), items);
        }
        return out;
    }

    /** A Go fixed-size array of unsigned integers ({@code ConsoleSize [2]uint}); null when absent. */
    public long[] unsignedArray(String name, int length) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw mismatch(name, v, "[" + length + "]uint");
        }
        long[] out = new long[length];
        int i = 0;
        for (JsonNode e : v) {
            if (i < length) {
                // Go drops the elements beyond the array's length
                out[i++] = toInteger(name, e, "uint", BigInteger.ZERO, INT64_MAX);
            }
        }
        return out;
    }

    /** The error for {@code value} of field {@code name} not being a Go {@code goType}. */
    public InvalidArgumentException mismatch(String name, JsonNode value, String goType) {
        return new InvalidArgumentException("json: cannot unmarshal " + kind(value) + " into Go struct field "
                + struct + "." + path + name + " of type " + goType);
    }

    private Long integer(String name, String goType, BigInteger min, BigInteger max) {
        JsonNode v = get(name);
        return v == null ? null : toInteger(name, v, goType, min, max);
    }

    private long toInteger(String name, JsonNode v, String goType, BigInteger min, BigInteger max) {
        if (!v.isNumber()) {
            throw mismatch(name, v, goType);
        }
        // Go refuses 1.0 and 1e3 for an integer, and any value out of the type's range, naming the number
        if (!v.isIntegralNumber() || v.bigIntegerValue().compareTo(min) < 0 || v.bigIntegerValue().compareTo(max) > 0) {
            throw new InvalidArgumentException("json: cannot unmarshal number " + v.asText() + " into Go struct field "
                    + struct + "." + path + name + " of type " + goType);
        }
        return v.longValue();
    }

    /** Go's name for the JSON type of {@code value}. */
    static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }
}
