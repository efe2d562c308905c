package io.wharf.rest.internal.json;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import java.io.IOException;

/**
 * The one JSON mapper of the API, configured to read request bodies the way Go's encoding/json does: unknown
 * fields ignored, field names matched without regard to case, no scalar coerced into another type (a number is
 * not a string, a string not a number or a boolean), one JSON value per body. Routers that read a body as a tree
 * take its fields through {@link GoFields}, which applies the same rules field by field.
 */
public final class JsonCodec {
    /**
     * Building and warming the mapper costs a few hundred milliseconds on a cold JVM; it is done beside the
     * server's start-up rather than before it, since {@code /_ping} needs no JSON.
     */
    private final CompletableFuture<ObjectMapper> mapper = CompletableFuture.supplyAsync(JsonCodec::build,
            runnable -> {
                Thread t = new Thread(runnable, "wharf-json-init");
                t.setDaemon(true);
                t.start();
            });

    private static ObjectMapper build() {
        ObjectMapper m = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.String,
                        CoercionAction.TryConvert))
                .build();
        try {
            m.readTree(m.writeValueAsBytes(java.util.Map.of("warm", java.util.List.of(1, "a", true))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    public ObjectMapper mapper() {
        return mapper.join();
    }

    public byte[] write(Object value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new WharfException("cannot encode response: " + e.getOriginalMessage(), e);
        }
    }

    /** One JSON object followed by a newline, the unit of every streamed response. */
    public byte[] writeLine(Object value) {
        byte[] json = write(value);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    public <T> T read(byte[] body, Class<T> type) {
        return read(body, mapper().constructType(type));
    }

    public <T> T read(byte[] body, TypeReference<T> type) {
        return read(body, mapper().getTypeFactory().constructType(type));
    }

    /** Parses {@code body}; malformed JSON is dockerd's 400 {@code invalid JSON: ...}. */
    public <T> T read(byte[] body, JavaType type) {
        try {
            return mapper().readValue(body, type);
        } catch (MismatchedInputException e) {
            // a value of the wrong type, named as Go names it; trailing content as dockerd says it
            if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
                throw new InvalidArgumentException("unexpected content after JSON", e);
            }
            throw new InvalidArgumentException("json: cannot unmarshal " + e.getOriginalMessage() + " at "
                    + e.getPathReference(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }
}
