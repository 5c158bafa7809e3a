package dev.mapwatch.cli.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.agent.JsonLine;
import dev.mapwatch.exporter.prometheus.MetricSamples;
import dev.mapwatch.exporter.prometheus.MetricSamples.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row per map and a few lines about the JVM, computed from two scrapes of the agent's own
 * registry {@code seconds} apart: rates are differences over that time, gauges are current.
 */
final class DemoTable {

    private static final String LOOKUPS = "mapwatch_map_lookups_total";
    private static final String PUTS = "mapwatch_map_puts_total";
    private static final String REMOVALS = "mapwatch_map_removals_total";
    private static final String CONTENTION = "mapwatch_lock_contention_seconds_count";

    /** One map's row. */
    record MapRow(
            String map,
            String strategy,
            double opsPerSecond,
            double hitRatio,
            double promotions,
            double tombstones,
            double oldestTombstoneSeconds,
            double lockWaits) {}

    /** The most contended class over the interval. */
    record Contended(String className, String kind, double waits) {}

    /** The JVM lines. */
    record JvmRow(
            double livePlatform,
            double liveVirtual,
            double platformStartsPerSecond,
            double virtualStartsPerSecond,
            List<Contended> topContended,
            double allocationBytesPerSecond,
            String topAllocated) {}

    private final double uptimeSeconds;
    private final List<MapRow> maps;
    private final JvmRow jvm;

    private DemoTable(double uptimeSeconds, List<MapRow> maps, JvmRow jvm) {
        this.uptimeSeconds = uptimeSeconds;
        this.maps = maps;
        this.jvm = jvm;
    }

    /** The table between {@code before} and {@code now}, {@code seconds} apart. */
    static DemoTable between(
            MetricSamples before, MetricSamples now, double seconds, double uptimeSeconds) {
        List<MapRow> rows = new ArrayList<>();
        for (Sample size : now.named("mapwatch_map_size")) {
            Map<String, String> map =
                    Map.of(
                            "map",
                            size.labels().get("map"),
                            "strategy",
                            size.labels().get("strategy"));
            double ops =
                    delta(before, now, LOOKUPS, map)
                            + delta(before, now, PUTS, map)
                            + delta(before, now, REMOVALS, map);
            double hits = delta(before, now, LOOKUPS, with(map, "result", "hit"));
            double lookups = delta(before, now, LOOKUPS, map);
            rows.add(
                    new MapRow(
                            map.get("map"),
                            map.get("strategy"),
                            ops / seconds,
                            lookups == 0 ? Double.NaN : hits / lookups,
                            now.sum("mapwatch_map_promotions_total", map),
                            now.sum("mapwatch_map_tombstones", map),
                            now.sum("mapwatch_map_tombstone_oldest_age_seconds", map),
                            now.sum("mapwatch_map_lock_waits_total", map)));
        }
        List<Contended> top = new ArrayList<>();
        for (String kind : List.of("monitor", "park")) {
            now.named(CONTENTION).stream()
                    .filter(s -> kind.equals(s.labels().get("kind")))
                    .map(
                            s ->
                                    new Contended(
                                            s.labels().get("class"),
                                            kind,
                                            s.value() - before.sum(CONTENTION, s.labels())))
                    .filter(
                            c ->
                                    c.waits() > 0
                                            && !"other".equals(c.className())
                                            && !"none".equals(c.className()))
                    .max((a, b) -> Double.compare(a.waits(), b.waits()))
                    .ifPresent(top::add);
        }
        String topAllocated =
                now.largest("mapwatch_allocation_bytes_total", Map.of())
                        .map(s -> s.labels().get("class"))
                        .orElse("-");
        JvmRow jvm =
                new JvmRow(
                        now.sum("mapwatch_threads_live", Map.of("kind", "platform")),
                        now.sum("mapwatch_threads_live", Map.of("kind", "virtual")),
                        delta(
                                        before,
                                        now,
                                        "mapwatch_threads_started_total",
                                        Map.of("kind", "platform"))
                                / seconds,
                        delta(
                                        before,
                                        now,
                                        "mapwatch_threads_started_total",
                                        Map.of("kind", "virtual"))
                                / seconds,
                        top,
                        delta(before, now, "mapwatch_allocation_bytes_total", Map.of()) / seconds,
                        topAllocated);
        return new DemoTable(uptimeSeconds, rows, jvm);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static double delta(
            MetricSamples before, MetricSamples now, String name, Map<String, String> labels) {
        return Math.max(0, now.sum(name, labels) - before.sum(name, labels));
    }

    List<MapRow> maps() {
        return maps;
    }

    JvmRow jvm() {
        return jvm;
    }

    /** The compact text table. */
    String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "-- mapwatch demo, %.0f s --%n", uptimeSeconds));
        // Columns as wide as the longest name: a map named by its field (maps=) is a long one.
        int mapWidth =
                Math.max(18, maps.stream().mapToInt(row -> row.map().length()).max().orElse(0));
        int strategyWidth =
                Math.max(
                        10, maps.stream().mapToInt(row -> row.strategy().length()).max().orElse(0));
        String columns = "%-" + mapWidth + "s %-" + strategyWidth + "s";
        text.append(
                String.format(
                        Locale.ROOT,
                        columns + " %10s %6s %10s %10s %8s %10s%n",
                        "map",
                        "strategy",
                        "ops/s",
                        "hit%",
                        "promotions",
                        "tombstones",
                        "oldest",
                        "lock waits"));
        for (MapRow row : maps) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            columns + " %10.0f %6s %10.0f %10.0f %8s %10.0f%n",
                            row.map(),
                            row.strategy(),
                            row.opsPerSecond(),
                            Double.isNaN(row.hitRatio())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", row.hitRatio() * 100),
                            row.promotions(),
                            row.tombstones(),
                            row.tombstones() == 0
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT, "%.1fs", row.oldestTombstoneSeconds()),
                            row.lockWaits()));
        }
        text.append(
                String.format(
                        Locale.ROOT,
                        "threads  live: %.0f platform, %.0f virtual; started/s: %.1f platform, %.1f virtual%n",
                        jvm.livePlatform(),
                        jvm.liveVirtual(),
                        jvm.platformStartsPerSecond(),
                        jvm.virtualStartsPerSecond()));
        text.append("contended ");
        if (jvm.topContended().isEmpty()) {
            text.append(" -");
        }
        for (Contended c : jvm.topContended()) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            " %s: %s, %.0f waits;",
                            c.kind(),
                            c.className(),
                            c.waits()));
        }
        text.append(System.lineSeparator());
        text.append(
                String.format(
                        Locale.ROOT,
                        "allocation  %.1f MB/s, most: %s%n",
                        jvm.allocationBytesPerSecond() / 1e6,
                        jvm.topAllocated()));
        return text.toString();
    }

    /** The same as one line of JSON. */
    String toJson() {
        return JsonLine.of(
                json -> {
                    json.writeStartObject();
                    number(json, "uptimeSeconds", uptimeSeconds);
                    json.writeArrayFieldStart("maps");
                    for (MapRow row : maps) {
                        json.writeStartObject();
                        json.writeStringField("map", row.map());
                        json.writeStringField("strategy", row.strategy());
                        number(json, "opsPerSecond", row.opsPerSecond());
                        number(json, "hitRatio", row.hitRatio());
                        number(json, "promotions", row.promotions());
                        number(json, "tombstones", row.tombstones());
                        number(json, "oldestTombstoneSeconds", row.oldestTombstoneSeconds());
                        number(json, "lockWaits", row.lockWaits());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeObjectFieldStart("threads");
                    number(json, "livePlatform", jvm.livePlatform());
                    number(json, "liveVirtual", jvm.liveVirtual());
                    number(json, "platformStartsPerSecond", jvm.platformStartsPerSecond());
                    number(json, "virtualStartsPerSecond", jvm.virtualStartsPerSecond());
                    json.writeEndObject();
                    json.writeArrayFieldStart("topContended");
                    for (Contended c : jvm.topContended()) {
                        json.writeStartObject();
                        json.writeStringField("class", c.className());
                        json.writeStringField("kind", c.kind());
                        number(json, "waits", c.waits());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    number(json, "allocationBytesPerSecond", jvm.allocationBytesPerSecond());
                    json.writeStringField("topAllocatedClass", jvm.topAllocated());
                    json.writeEndObject();
                });
    }

    /** Whole values as integers, others to three decimals; NaN (no lookups yet) and infinities as {@code null}. */
    private static void number(JsonGenerator json, String name, double value) throws IOException {
        json.writeFieldName(name);
        if (!Double.isFinite(value)) {
            json.writeNull();
        } else {
            json.writeNumber(round(value));
        }
    }

    private static String round(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
