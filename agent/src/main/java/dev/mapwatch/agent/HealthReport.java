package dev.mapwatch.agent;

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
 * @param errors        failures contained so far (sum of {@code mapwatch_agent_errors_total})
 */
public record HealthReport(
        String status,
        String version,
        String jdk,
        Duration uptime,
        String endpoint,
        String jfr,
        List<String> enabledEvents,
        long errors) {

    public HealthReport {
        enabledEvents = List.copyOf(enabledEvents);
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
        json.append("\"enabledEvents\":[");
        for (int i = 0; i < enabledEvents.size(); i++) {
            quote(json.append(i == 0 ? "" : ","), enabledEvents.get(i));
        }
        json.append("],\"errors\":").append(errors);
        return json.append('}').toString();
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
