package dev.mapwatch.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;

/** What the weights of a ranking measure, and how JSON writes them (base units: seconds, bytes). */
enum Unit {
    /** Weights are nanoseconds, written as seconds. */
    SECONDS,
    /** Weights are bytes. */
    BYTES,
    /** Weights are event counts. */
    COUNT;

    /** Writes the field {@code name} with {@code weight} in this unit's base unit. */
    void write(JsonGenerator json, String name, long weight) throws IOException {
        json.writeFieldName(name);
        if (this == SECONDS) {
            PrettyJson.number(json, weight / 1e9);
        } else {
            json.writeNumber(weight);
        }
    }

    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
