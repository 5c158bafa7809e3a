package dev.mapwatch.report.render;

import static dev.mapwatch.report.render.PrettyJson.numberField;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.report.MapContention;
import dev.mapwatch.report.MapContentionReport;
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
 *                   "park":    { "byClass": RANKING, "bySite": RANKING },       (unit seconds)
 *                   "byMap": RANKING + { "callSites", "unattributed": { "count", "total", "max" } },
 *                            each entry + { "strategy", "waitingSites": RANKING, "holdingSites": RANKING } },
 *   "allocation": { "source", "byClass": RANKING, "bySite": RANKING },           (unit bytes)
 *   "threads": { "shortLivedThresholdSeconds", "platform": KIND, "virtual": KIND },
 *   "pinning": { "bySite": RANKING },                                          (unit seconds)
 *   "maps": [ { "name", "strategy", "source", "counting", "samples", "windowSeconds", "hits", "misses", "hitRatio",
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
 * A map counted at its call sites ({@code "source": "callSites"}) has {@code null} lock-wait figures:
 * its statistics do not count them; its waits are in {@code contention.byMap}, whose entries are the
 * maps by time waited on their internal locks, with where the waiters called the map ({@code
 * waitingSites}) and the mapping functions seen blocked while holding the lock ({@code
 * holdingSites}); {@code unattributed} are such waits whose stack names no known call site.
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
        byMap(json, report.contention().byMap());
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

    private static void ranking(JsonGenerator json, String name, Ranking ranking, Unit unit)
            throws IOException {
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

    private static void byMap(JsonGenerator json, MapContentionReport byMap) throws IOException {
        Ranking ranking = byMap.byMap();
        Unit unit = Unit.SECONDS;
        json.writeObjectFieldStart("byMap");
        json.writeStringField("unit", unit.jsonName());
        json.writeNumberField("count", ranking.count());
        unit.write(json, "total", ranking.total());
        json.writeNumberField("callSites", byMap.callSites());
        json.writeArrayFieldStart("entries");
        for (MapContention m : byMap.maps()) {
            Tally t = m.waits();
            json.writeStartObject();
            json.writeStringField("name", t.name());
            json.writeStringField("strategy", m.strategy());
            json.writeNumberField("count", t.count());
            unit.write(json, "total", t.total());
            unit.write(json, "max", t.max());
            numberField(json, "share", t.shareOf(ranking.total()));
            ranking(json, "waitingSites", m.waitingSites(), unit);
            ranking(json, "holdingSites", m.holdingSites(), unit);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("other");
        json.writeNumberField("count", ranking.other().count());
        unit.write(json, "total", ranking.other().total());
        json.writeEndObject();
        Tally unattributed = byMap.unattributed();
        json.writeObjectFieldStart("unattributed");
        json.writeNumberField("count", unattributed.count());
        unit.write(json, "total", unattributed.total());
        unit.write(json, "max", unattributed.max());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void threadKind(JsonGenerator json, String name, ThreadKindReport kind)
            throws IOException {
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
        json.writeStringField("source", m.source());
        json.writeStringField("counting", m.counting());
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
        boolean waits = m.lockWaitsCounted();
        numberField(json, "lockWaits", waits ? Long.valueOf(m.lockWaits()) : null);
        seconds(json, "lockWaitSeconds", waits ? m.lockWaitTime() : null);
        numberField(json, "lockWaitsPerSecond", waits ? m.lockWaitsPerSecond() : Double.NaN);
        numberField(json, "lockWaitEvents", waits ? Long.valueOf(m.lockWaitEvents()) : null);
        seconds(json, "longestLockWaitSeconds", waits ? m.longestLockWait() : null);
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
        numberField(json, "lockWaits", waits ? Long.valueOf(t.lockWaits()) : null);
        seconds(json, "lockWaitSeconds", waits ? t.lockWaitTime() : null);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void series(JsonGenerator json, String name, List<TimePoint> points)
            throws IOException {
        json.writeArrayFieldStart(name);
        for (TimePoint p : points) {
            json.writeStartArray();
            json.writeNumber(p.epochMillis());
            PrettyJson.number(json, p.value());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** {@code d} in seconds; {@code null} when unknown. */
    private static void seconds(JsonGenerator json, String name, Duration d) throws IOException {
        numberField(json, name, d == null ? Double.NaN : d.toNanos() / 1e9);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
