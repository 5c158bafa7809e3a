package dev.mapwatch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON strictly with Jackson (a repeated key or text after the document fails the parse,
 * so it also checks that {@code --format json} is well formed) and walks the tree; a missing
 * field or a value of the wrong kind fails the test with its path.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private StrictJson() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode object(JsonNode value, String... path) {
        return require(at(value, path), JsonNode::isObject, "an object", path);
    }

    static List<JsonNode> array(JsonNode value, String... path) {
        List<JsonNode> elements = new ArrayList<>();
        require(at(value, path), JsonNode::isArray, "an array", path).forEach(elements::add);
        return elements;
    }

    static double number(JsonNode value, String... path) {
        return require(at(value, path), JsonNode::isNumber, "a number", path).doubleValue();
    }

    /** The text, or {@code null} for a JSON {@code null}. */
    static String string(JsonNode value, String... path) {
        JsonNode v = at(value, path);
        return v.isNull() ? null : require(v, JsonNode::isTextual, "a string", path).textValue();
    }

    static JsonNode at(JsonNode value, String... path) {
        JsonNode v = value;
        for (String key : path) {
            if (!v.has(key)) {
                throw new AssertionError("no field " + key + " in " + String.join(".", path));
            }
            v = v.get(key);
        }
        return v;
    }

    private static JsonNode require(
            JsonNode v, java.util.function.Predicate<JsonNode> kind, String what, String... path) {
        if (!kind.test(v)) {
            throw new AssertionError("not " + what + " at " + String.join(".", path) + ": " + v);
        }
        return v;
    }
}
