package dev.mapwatch.agent;

import dev.mapwatch.instrument.InstrumentationStatus;
import java.time.Duration;
import java.util.List;

/**
 * What {@code /health} answers: whether the agent runs and how well.
 *
 * @param status        {@code UP}, or {@code DEGRADED} when JFR collection is not running
 * @param version       the agent's version
 * @param jdk           the running JDK's version
 * @param uptime        time since the agent started
 * @param endpoint      the URL serving {@code /metrics}
 * @param jfr           {@code running}, {@code starting}, or why it is not running
 * @param enabledEvents the JFR events the agent consumes in this JVM
 * @param missingEvents the JDK events mapwatch would use that this JDK lacks (virtual threads before 21)
 * @param errors        failures contained so far (sum of {@code mapwatch_agent_errors_total})
 * @param maps          with {@code maps=}: classes seen, transformed and failed, time spent transforming;
 *                      null without
 */
public record HealthReport(
        String status,
        String version,
        String jdk,
        Duration uptime,
        String endpoint,
        String jfr,
        List<String> enabledEvents,
        List<String> missingEvents,
        long errors,
        InstrumentationStatus maps) {

    public HealthReport {
        enabledEvents = List.copyOf(enabledEvents);
        missingEvents = List.copyOf(missingEvents);
    }

    /** A report without {@code maps=}. */
    public HealthReport(String status, String version, String jdk, Duration uptime, String endpoint, String jfr,
            List<String> enabledEvents, List<String> missingEvents, long errors) {
        this(status, version, jdk, uptime, endpoint, jfr, enabledEvents, missingEvents, errors, null);
    }

    /** A small JSON object, one line. */
    public String toJson() {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "status", status).append(',');
        field(json, "version", version).append(',');
        field(json, "jdk", jdk).append(',');
        json.append("\"uptimeSeconds\":").append(uptime.toMillis() / 1000.0).append(',');
        field(json, "endpoint", endpoint).append(',');
        field(json, "jfr", jfr).append(',');
        array(json, "enabledEvents", enabledEvents).append(',');
        array(json, "missingEvents", missingEvents).append(',');
        json.append("\"errors\":").append(errors);
        if (maps != null) {
            field(json.append(",\"maps\":{"), "packages", maps.packages()).append(',');
            field(json, "state", maps.state()).append(',');
            json.append("\"classesSeen\":").append(maps.classesSeen())
                    .append(",\"classesTransformed\":").append(maps.transformed())
                    .append(",\"classesFailed\":").append(maps.failed())
                    .append(",\"transformSeconds\":").append(maps.transformTime().toNanos() / 1e9)
                    .append(",\"callSites\":").append(maps.callSites()).append('}');
        }
        return json.append('}').toString();
    }

    private static StringBuilder array(StringBuilder json, String name, List<String> values) {
        quote(json, name).append(":[");
        for (int i = 0; i < values.size(); i++) {
            quote(json.append(i == 0 ? "" : ","), values.get(i));
        }
        return json.append(']');
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return quote(quote(json, name).append(':'), value);
    }

    private static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
