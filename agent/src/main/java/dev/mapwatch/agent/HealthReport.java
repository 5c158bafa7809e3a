package dev.mapwatch.agent;

import dev.mapwatch.instrument.InstrumentationStatus;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * @param maps          with {@code maps=}: how the maps are counted, classes seen, transformed and failed,
 *                      time spent transforming; null without
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
        @Nullable InstrumentationStatus maps) {

    public HealthReport {
        enabledEvents = List.copyOf(enabledEvents);
        missingEvents = List.copyOf(missingEvents);
    }

    /** A report without {@code maps=}. */
    public HealthReport(
            String status,
            String version,
            String jdk,
            Duration uptime,
            String endpoint,
            String jfr,
            List<String> enabledEvents,
            List<String> missingEvents,
            long errors) {
        this(
                status,
                version,
                jdk,
                uptime,
                endpoint,
                jfr,
                enabledEvents,
                missingEvents,
                errors,
                null);
    }

    /** A small JSON object, one line. */
    public String toJson() {
        return JsonLine.of(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("status", status);
                    json.writeStringField("version", version);
                    json.writeStringField("jdk", jdk);
                    json.writeNumberField("uptimeSeconds", uptime.toMillis() / 1000.0);
                    json.writeStringField("endpoint", endpoint);
                    json.writeStringField("jfr", jfr);
                    json.writeFieldName("enabledEvents");
                    json.writeArray(enabledEvents.toArray(String[]::new), 0, enabledEvents.size());
                    json.writeFieldName("missingEvents");
                    json.writeArray(missingEvents.toArray(String[]::new), 0, missingEvents.size());
                    json.writeNumberField("errors", errors);
                    if (maps != null) {
                        json.writeObjectFieldStart("maps");
                        json.writeStringField("packages", maps.packages());
                        json.writeStringField("counting", EnumOptionValues.of(maps.counting()));
                        json.writeStringField("state", maps.state());
                        json.writeNumberField("classesSeen", maps.classesSeen());
                        json.writeNumberField("classesTransformed", maps.transformed());
                        json.writeNumberField("classesFailed", maps.failed());
                        json.writeNumberField(
                                "transformSeconds", maps.transformTime().toNanos() / 1e9);
                        json.writeNumberField("callSites", maps.callSites());
                        json.writeNumberField("cachesCounted", maps.cachesHooked());
                        json.writeNumberField("cachesUnsupported", maps.cachesUnsupported());
                        json.writeEndObject();
                    }
                    json.writeEndObject();
                });
    }
}
