package dev.mapwatch.report.render;

import dev.mapwatch.report.MapHealth;
import dev.mapwatch.report.Ranking;
import dev.mapwatch.report.Report;
import dev.mapwatch.report.TimePoint;
import dev.mapwatch.report.Tally;
import dev.mapwatch.report.ThreadKindReport;
import dev.mapwatch.report.advice.Advice;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The report as JSON ({@code --format json}). Field names are stable within a
 * {@code "schema"} version; a new field may be added, none is renamed or removed without a new
 * version. Durations are seconds (suffix {@code Seconds} or unit {@code "seconds"}), sizes bytes,
 * times ISO-8601 UTC; a figure that cannot be computed (no lookups, no time window) is
 * {@code null}.
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
 *               "tombstoneTimeline": SERIES } ],
 *   "advice": [ { "map", "strategy", "rule", "suggestion", "reason" } ] }
 * RANKING = { "unit", "count", "total", "entries": [ { "name", "count", "total", "max", "share" } ],
 *             "other": { "count", "total" } }
 * KIND    = { "started", "ended", "peakLive", "withKnownLifetime", "shortLived", "shortLivedShare",
 *             "meanLifetimeSeconds", "startedByName": RANKING (unit count), "liveTimeline": SERIES }
 * SERIES  = [ [ epochMillis, value ], ... ]
 * </pre>
 */
public final class JsonReportRenderer implements ReportRenderer {
    /** Version of the document's layout. */
    public static final String SCHEMA = "mapwatch-report/1";

    @Override
    public void render(Report report, PrintWriter out) {
        JsonWriter json = new JsonWriter(out);
        write(report, json);
        json.finish();
    }

    /** Writes the document, without a trailing newline, for embedding. */
    void write(Report report, JsonWriter json) {
        json.beginObject().name("schema").value(SCHEMA);
        recording(report, json);
        json.name("top").value(report.top());
        json.name("contention").beginObject();
        json.name("monitor").beginObject();
        ranking(json.name("byClass"), report.contention().monitorByClass(), Unit.SECONDS);
        ranking(json.name("bySite"), report.contention().monitorBySite(), Unit.SECONDS);
        json.endObject().name("park").beginObject();
        ranking(json.name("byClass"), report.contention().parkByClass(), Unit.SECONDS);
        ranking(json.name("bySite"), report.contention().parkBySite(), Unit.SECONDS);
        json.endObject().endObject();
        json.name("allocation").beginObject().name("source").value(report.allocation().source());
        ranking(json.name("byClass"), report.allocation().byClass(), Unit.BYTES);
        ranking(json.name("bySite"), report.allocation().bySite(), Unit.BYTES);
        json.endObject();
        json.name("threads").beginObject()
                .name("shortLivedThresholdSeconds").value(seconds(report.threads().shortLivedThreshold()));
        threadKind(json.name("platform"), report.threads().platform());
        threadKind(json.name("virtual"), report.threads().virtual());
        json.endObject();
        json.name("pinning").beginObject();
        ranking(json.name("bySite"), report.pinning(), Unit.SECONDS);
        json.endObject();
        json.name("maps").beginArray();
        for (MapHealth map : report.maps()) {
            map(json, map);
        }
        json.endArray();
        json.name("advice").beginArray();
        for (Advice a : report.advice()) {
            json.beginObject().name("map").value(a.map()).name("strategy").value(a.strategy())
                    .name("rule").value(a.rule()).name("suggestion").value(a.suggestion())
                    .name("reason").value(a.reason()).endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void recording(Report report, JsonWriter json) {
        var r = report.recording();
        json.name("recording").beginObject().name("file").value(r.file()).name("bytes").value(r.bytes())
                .name("chunks").value(r.chunks()).name("start").value(instant(r.start()))
                .name("durationSeconds").value(seconds(r.duration())).name("events").value(r.events());
        json.name("jvm").beginObject().name("name").value(r.jvmName()).name("version").value(r.jvmVersion())
                .name("javaArguments").value(r.javaArguments()).name("jvmArguments").value(r.jvmArguments())
                .name("pid").value(r.pid()).name("start").value(instant(r.jvmStart())).endObject();
        json.endObject();
    }

    private static void ranking(JsonWriter json, Ranking ranking, Unit unit) {
        json.beginObject().name("unit").value(unit.jsonName()).name("count").value(ranking.count());
        unit.write(json.name("total"), ranking.total());
        json.name("entries").beginArray();
        for (Tally t : ranking.top()) {
            json.beginObject().name("name").value(t.name()).name("count").value(t.count());
            unit.write(json.name("total"), t.total());
            unit.write(json.name("max"), t.max());
            json.name("share").value(t.shareOf(ranking.total())).endObject();
        }
        json.endArray();
        json.name("other").beginObject().name("count").value(ranking.other().count());
        unit.write(json.name("total"), ranking.other().total());
        json.endObject().endObject();
    }

    private static void threadKind(JsonWriter json, ThreadKindReport kind) {
        json.beginObject().name("started").value(kind.started()).name("ended").value(kind.ended())
                .name("peakLive").value(kind.peakLive()).name("withKnownLifetime").value(kind.lifetimes())
                .name("shortLived").value(kind.shortLived()).name("shortLivedShare").value(kind.shortLivedShare())
                .name("meanLifetimeSeconds").value(seconds(kind.meanLifetime()));
        ranking(json.name("startedByName"), kind.startedByName(), Unit.COUNT);
        series(json.name("liveTimeline"), kind.liveTimeline());
        json.endObject();
    }

    private static void map(JsonWriter json, MapHealth m) {
        json.beginObject().name("name").value(m.map()).name("strategy").value(m.strategy())
                .name("samples").value(m.samples()).name("windowSeconds").value(seconds(m.window()))
                .name("hits").value(m.hits()).name("misses").value(m.misses()).name("hitRatio").value(m.hitRatio())
                .name("puts").value(m.puts()).name("removals").value(m.removals())
                .name("writeShare").value(m.writeShare()).name("operationsPerSecond").value(m.operationsPerSecond())
                .name("promotions").value(m.promotions()).name("promotionsPerSecond").value(m.promotionsPerSecond())
                .name("promotionEvents").value(m.promotionEvents())
                .name("tombstones").value(m.tombstones()).name("maxTombstones").value(m.maxTombstones())
                .name("oldestTombstoneAgeSeconds").value(seconds(m.oldestTombstoneAge()))
                .name("maxOldestTombstoneAgeSeconds").value(seconds(m.maxOldestTombstoneAge()))
                .name("tombstonesPurged").value(m.tombstonesPurged())
                .name("lockWaits").value(m.lockWaits()).name("lockWaitSeconds").value(seconds(m.lockWaitTime()))
                .name("lockWaitsPerSecond").value(m.lockWaitsPerSecond())
                .name("lockWaitEvents").value(m.lockWaitEvents())
                .name("longestLockWaitSeconds").value(seconds(m.longestLockWait()))
                .name("size").value(m.size());
        series(json.name("hitRatioTimeline"), m.hitRatioTimeline());
        series(json.name("tombstoneTimeline"), m.tombstoneTimeline());
        json.endObject();
    }

    private static void series(JsonWriter json, List<TimePoint> points) {
        json.beginArray();
        for (TimePoint p : points) {
            json.beginArray().value(p.epochMillis()).value(p.value()).endArray();
        }
        json.endArray();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
