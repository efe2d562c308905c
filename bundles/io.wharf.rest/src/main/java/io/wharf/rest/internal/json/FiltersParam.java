package io.wharf.rest.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.Filters;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code filters} query parameter in both forms dockerd accepts: the current
 * {@code {"key":{"value":true}}} and the older {@code {"key":["value"]}}.
 */
public final class FiltersParam {
    private FiltersParam() {
    }

    public static Filters parse(ObjectMapper mapper, String json) {
        if (json == null || json.isEmpty()) {
            return Filters.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (Exception e) {
            throw invalid(json);
        }
        if (root == null || root.isNull()) {
            return Filters.empty();
        }
        if (!root.isObject()) {
            throw invalid(json);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> list = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                // dockerd keeps every key of the inner map, whatever its boolean says
                v.fieldNames().forEachRemaining(list::add);
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        throw invalid(json);
                    }
                    list.add(item.asText());
                }
            } else if (!v.isNull()) {
                throw invalid(json);
            }
            values.put(e.getKey(), list);
        }
        return Filters.of(values);
    }

    private static InvalidArgumentException invalid(String json) {
        return new InvalidArgumentException("invalid filter: " + json);
    }
}
