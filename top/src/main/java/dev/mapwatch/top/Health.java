package dev.mapwatch.top;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What the agent's {@code /health} says, the part {@code top} shows. Fields the agent adds later are
 * ignored; a field it lacks keeps its default ({@code ""}, {@code NaN}, 0).
 *
 * @param status        {@code UP} or {@code DEGRADED}
 * @param version       the agent's version
 * @param jdk           the target's JDK version
 * @param uptimeSeconds time since the agent started
 * @param jfr           {@code running}, or why JFR collection is not
 * @param errors        failures contained so far in the agent
 * @param mapsPackages  the {@code maps=} packages, {@code ""} without
 * @param mapsCounting  how those maps count ({@code exact}, {@code sampled}, {@code off}), {@code ""} without
 */
public record Health(
        String status,
        String version,
        String jdk,
        double uptimeSeconds,
        String jfr,
        long errors,
        String mapsPackages,
        String mapsCounting) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Nothing known (the endpoint has no {@code /health}). */
    public static Health unknown() {
        return new Health("", "", "", Double.NaN, "", 0, "", "");
    }

    /**
     * Parses the JSON object {@code /health} answers.
     *
     * @throws IOException when it is not JSON
     */
    public static Health parse(String json) throws IOException {
        String status = "", version = "", jdk = "", jfr = "", packages = "", counting = "";
        double uptime = Double.NaN;
        long errors = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "status" -> status = parser.getValueAsString("");
                    case "version" -> version = parser.getValueAsString("");
                    case "jdk" -> jdk = parser.getValueAsString("");
                    case "jfr" -> jfr = parser.getValueAsString("");
                    case "uptimeSeconds" -> uptime = parser.getValueAsDouble(Double.NaN);
                    case "errors" -> errors = parser.getValueAsLong(0);
                    case "maps" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String mapsField = parser.currentName();
                                parser.nextToken();
                                if (mapsField.equals("packages")) {
                                    packages = parser.getValueAsString("");
                                } else if (mapsField.equals("counting")) {
                                    counting = parser.getValueAsString("");
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        return new Health(status, version, jdk, uptime, jfr, errors, packages, counting);
    }
}
