package dev.mapwatch.bpf.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of bpftrace's {@code -f json} output as plain values, read with Jackson's streaming
 * parser (strict: any syntax error, an integer beyond {@code long}, or anything after the value
 * fails). Objects become insertion-ordered {@link Map}s, arrays {@link List}s, integers
 * {@link Long}, other numbers {@link Double}. bpftrace can print a key twice in one map, which a
 * JSON tree would collapse: such a key keeps every value, in a {@link Duplicates}.
 */
final class Json {

    /** Values of an object key that occurred more than once. */
    record Duplicates(List<Object> values) {}

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** Parses one complete JSON value; throws {@link IllegalArgumentException} naming what is wrong and where. */
    static @Nullable Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = value(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(
                        "trailing characters at column "
                                + parser.currentTokenLocation().getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            String what =
                    e instanceof JsonEOFException
                            ? "unexpected end of line"
                            : e.getOriginalMessage();
            String where =
                    e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(what + where, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: does not happen
        }
    }

    private static @Nullable Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) { // Jackson throws at an open container's end of input; this guards the
            // switch
            throw new JsonEOFException(parser, null, "unexpected end");
        }
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT ->
                    parser.getLongValue(); // beyond long: an InputCoercionException
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            Object value = value(parser);
            map.put(key, map.containsKey(key) ? keepBoth(map.get(key), value) : value);
        }
        return map; // the parser saw the closing brace, or threw
    }

    private static Duplicates keepBoth(@Nullable Object old, @Nullable Object added) {
        List<Object> values = new ArrayList<>();
        if (old instanceof Duplicates duplicates) {
            values.addAll(duplicates.values());
        } else {
            values.add(old);
        }
        values.add(added);
        return new Duplicates(
                Collections.unmodifiableList(values)); // List.copyOf would refuse a null
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(parser));
        }
        return list;
    }
}
