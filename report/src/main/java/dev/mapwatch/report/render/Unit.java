package dev.mapwatch.report.render;

/** What the weights of a ranking measure, and how JSON writes them (base units: seconds, bytes). */
enum Unit {
    /** Weights are nanoseconds, written as seconds. */
    SECONDS,
    /** Weights are bytes. */
    BYTES,
    /** Weights are event counts. */
    COUNT;

    void write(JsonWriter json, long weight) {
        if (this == SECONDS) {
            json.value(weight / 1e9);
        } else {
            json.value(weight);
        }
    }

    String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
