package dev.mapwatch.report.render;

import static dev.mapwatch.report.render.PrettyJson.numberField;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.report.MapCounts;
import dev.mapwatch.report.MapHealth;
import dev.mapwatch.report.Ranking;
import dev.mapwatch.report.Report;
import dev.mapwatch.report.Tally;
import dev.mapwatch.report.ThreadKindReport;
import dev.mapwatch.report.TimePoint;
import dev.mapwatch.report.advice.Advice;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The report as JSON ({@code --format json}). Field names are stable within a
 * {@code "schema"} version; a new field may be added, none is renamed or removed without a new
 * version. Durations are seconds (suffix {@code Seconds} or unit {@code "seconds"}), sizes bytes,
 * times ISO-8601 UTC; a figure that cannot be computed (no lookups, no time window) is
 * {@code null}. Written with Jackson's streaming generator, see {@link PrettyJson}.
 *
 * <pre>
 * { "schema": "mapwatch-report/1",
 *   "recording": { "file", "bytes", "chunks", "start", "durationSeconds", "events",
 *                  "jvm": { "name", "version", "javaArguments", "jvmArguments", "pid", "start" } },
 *   "top": N,
 *   "contention": { "monitor": { "byClass": RANKING, "bySite": RANKING },
 *                   "park":    { "byClass": RANKING, "bySite": RANKING } },     (unit seconds)
 *   "allocation": { "source", "byClass": RANKING, "bySite": RANKING },           (unit bytes)
 *   "threads": { "shortLivedThresholdSeconds", "platform": KIND, "virtual": KIND },
 *   "pinning": { "bySite": RANKING },                                          (unit seconds)
 *   "maps": [ { "name", "strategy", "samples", "windowSeconds", "hits", "misses", "hitRatio",
 *               "puts", "removals", "writeShare", "operationsPerSecond", "promotions",
 *               "promotionsPerSecond", "promotionEvents", "tombstones", "maxTombstones",
 *               "oldestTombstoneAgeSeconds", "maxOldestTombstoneAgeSeconds", "tombstonesPurged",
 *               "lockWaits", "lockWaitSeconds", "lockWaitsPerSecond", "lockWaitEvents",
 *               "longestLockWaitSeconds", "size", "hitRatioTimeline": SERIES,
 *               "tombstoneTimeline": SERIES,
 *               "sinceCreation": { "hits", "misses", "hitRatio", "puts", "removals", "promotions",
 *                                  "tombstonesPurged", "lockWaits", "lockWaitSeconds" } } ],
 *   "advice": [ { "map", "strategy", "rule", "suggestion", "reason" } ] }
 * RANKING = { "unit", "count", "total", "entries": [ { "name", "count", "total", "max", "share" } ],
 *             "other": { "count", "total" } }
 * KIND    = { "started", "ended", "peakLive", "withKnownLifetime", "shortLived", "shortLivedShare",
 *             "meanLifetimeSeconds", "startedByName": RANKING (unit count), "liveTimeline": SERIES }
 * SERIES  = [ [ epochMillis, value ], ... ]
 * </pre>
 *
 * <p>A map's counters at its top level ({@code hits} ... {@code lockWaitSeconds}) and its rates are
 * what it did inside the recording (growth between its first and last sample, over {@code
 * windowSeconds}); {@code sinceCreation} holds its totals since it was created, from its last sample.
 */
public final class JsonReportRenderer implements ReportRenderer {
    /** Version of the document's layout. */
    public static final String SCHEMA = "mapwatch-report/1";

    @Override
    public void render(Report report, PrintWriter out) {
        PrettyJson.print(out, json -> write(report, json));
    }

    /** Writes the document with {@code json}. */
    void write(Report report, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("schema", SCHEMA);
        recording(report, json);
        json.writeNumberField("top", report.top());
        json.writeObjectFieldStart("contention");
        json.writeObjectFieldStart("monitor");
        ranking(json, "byClass", report.contention().monitorByClass(), Unit.SECONDS);
        ranking(json, "bySite", report.contention().monitorBySite(), Unit.SECONDS);
        json.writeEndObject();
        json.writeObjectFieldStart("park");
        ranking(json, "byClass", report.contention().parkByClass(), Unit.SECONDS);
        ranking(json, "bySite", report.contention().parkBySite(), Unit.SECONDS);
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("allocation");
        json.writeStringField("source", report.allocation().source());
        ranking(json, "byClass", report.allocation().byClass(), Unit.BYTES);
        ranking(json, "bySite", report.allocation().bySite(), Unit.BYTES);
        json.writeEndObject();
        json.writeObjectFieldStart("threads");
        seconds(json, "shortLivedThresholdSeconds", report.threads().shortLivedThreshold());
        threadKind(json, "platform", report.threads().platform());
        threadKind(json, "virtual", report.threads().virtual());
        json.writeEndObject();
        json.writeObjectFieldStart("pinning");
        ranking(json, "bySite", report.pinning(), Unit.SECONDS);
        json.writeEndObject();
        json.writeArrayFieldStart("maps");
        for (MapHealth map : report.maps()) {
            map(json, map);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("advice");
        for (Advice a : report.advice()) {
            json.writeStartObject();
            json.writeStringField("map", a.map());
            json.writeStringField("strategy", a.strategy());
            json.writeStringField("rule", a.rule());
            json.writeStringField("suggestion", a.suggestion());
            json.writeStringField("reason", a.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void recording(Report report, JsonGenerator json) throws IOException {
        var r = report.recording();
        json.writeObjectFieldStart("recording");
        json.writeStringField("file", r.file());
        json.writeNumberField("bytes", r.bytes());
        json.writeNumberField("chunks", r.chunks());
        json.writeStringField("start", instant(r.start()));
        seconds(json, "durationSeconds", r.duration());
        json.writeNumberField("events", r.events());
        json.writeObjectFieldStart("jvm");
        json.writeStringField("name", r.jvmName());
        json.writeStringField("version", r.jvmVersion());
        json.writeStringField("javaArguments", r.javaArguments());
        json.writeStringField("jvmArguments", r.jvmArguments());
        numberField(json, "pid", r.pid());
        json.writeStringField("start", instant(r.jvmStart()));
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void ranking(JsonGenerator json, String name, Ranking ranking, Unit unit) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("unit", unit.jsonName());
        json.writeNumberField("count", ranking.count());
        unit.write(json, "total", ranking.total());
        json.writeArrayFieldStart("entries");
        for (Tally t : ranking.top()) {
            json.writeStartObject();
            json.writeStringField("name", t.name());
            json.writeNumberField("count", t.count());
            unit.write(json, "total", t.total());
            unit.write(json, "max", t.max());
            numberField(json, "share", t.shareOf(ranking.total()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("other");
        json.writeNumberField("count", ranking.other().count());
        unit.write(json, "total", ranking.other().total());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void threadKind(JsonGenerator json, String name, ThreadKindReport kind) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("started", kind.started());
        json.writeNumberField("ended", kind.ended());
        numberField(json, "peakLive", kind.peakLive());
        json.writeNumberField("withKnownLifetime", kind.lifetimes());
        json.writeNumberField("shortLived", kind.shortLived());
        numberField(json, "shortLivedShare", kind.shortLivedShare());
        seconds(json, "meanLifetimeSeconds", kind.meanLifetime());
        ranking(json, "startedByName", kind.startedByName(), Unit.COUNT);
        series(json, "liveTimeline", kind.liveTimeline());
        json.writeEndObject();
    }

    private static void map(JsonGenerator json, MapHealth m) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", m.map());
        json.writeStringField("strategy", m.strategy());
        json.writeNumberField("samples", m.samples());
        seconds(json, "windowSeconds", m.window());
        json.writeNumberField("hits", m.hits());
        json.writeNumberField("misses", m.misses());
        numberField(json, "hitRatio", m.hitRatio());
        json.writeNumberField("puts", m.puts());
        json.writeNumberField("removals", m.removals());
        numberField(json, "writeShare", m.writeShare());
        numberField(json, "operationsPerSecond", m.operationsPerSecond());
        json.writeNumberField("promotions", m.promotions());
        numberField(json, "promotionsPerSecond", m.promotionsPerSecond());
        json.writeNumberField("promotionEvents", m.promotionEvents());
        json.writeNumberField("tombstones", m.tombstones());
        json.writeNumberField("maxTombstones", m.maxTombstones());
        seconds(json, "oldestTombstoneAgeSeconds", m.oldestTombstoneAge());
        seconds(json, "maxOldestTombstoneAgeSeconds", m.maxOldestTombstoneAge());
        json.writeNumberField("tombstonesPurged", m.tombstonesPurged());
        json.writeNumberField("lockWaits", m.lockWaits());
        seconds(json, "lockWaitSeconds", m.lockWaitTime());
        numberField(json, "lockWaitsPerSecond", m.lockWaitsPerSecond());
        json.writeNumberField("lockWaitEvents", m.lockWaitEvents());
        seconds(json, "longestLockWaitSeconds", m.longestLockWait());
        json.writeNumberField("size", m.size());
        series(json, "hitRatioTimeline", m.hitRatioTimeline());
        series(json, "tombstoneTimeline", m.tombstoneTimeline());
        MapCounts t = m.sinceCreation();
        json.writeObjectFieldStart("sinceCreation");
        json.writeNumberField("hits", t.hits());
        json.writeNumberField("misses", t.misses());
        numberField(json, "hitRatio", t.hitRatio());
        json.writeNumberField("puts", t.puts());
        json.writeNumberField("removals", t.removals());
        json.writeNumberField("promotions", t.promotions());
        json.writeNumberField("tombstonesPurged", t.tombstonesPurged());
        json.writeNumberField("lockWaits", t.lockWaits());
        seconds(json, "lockWaitSeconds", t.lockWaitTime());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void series(JsonGenerator json, String name, List<TimePoint> points) throws IOException {
        json.writeArrayFieldStart(name);
        for (TimePoint p : points) {
            json.writeStartArray();
            json.writeNumber(p.epochMillis());
            PrettyJson.number(json, p.value());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static void seconds(JsonGenerator json, String name, Duration d) throws IOException {
        numberField(json, name, d.toNanos() / 1e9);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
