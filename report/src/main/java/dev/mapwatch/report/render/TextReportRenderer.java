package dev.mapwatch.report.render;

import static dev.mapwatch.report.Figures.bytes;
import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.duration;
import static dev.mapwatch.report.Figures.percent;
import static dev.mapwatch.report.Figures.rate;

import dev.mapwatch.report.MapContention;
import dev.mapwatch.report.MapContentionReport;
import dev.mapwatch.report.MapCounts;
import dev.mapwatch.report.MapHealth;
import dev.mapwatch.report.Ranking;
import dev.mapwatch.report.RecordingInfo;
import dev.mapwatch.report.Report;
import dev.mapwatch.report.Tally;
import dev.mapwatch.report.ThreadKindReport;
import dev.mapwatch.report.advice.Advice;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongFunction;

/** The report as aligned tables for a terminal ({@code --format text}, the default). */
public final class TextReportRenderer implements ReportRenderer {
    private static final String INDENT = "  ";

    @Override
    public void render(Report report, PrintWriter out) {
        recording(report.recording(), out);
        section(out, "Lock contention: synchronized (jdk.JavaMonitorEnter)");
        waits(out, "Monitor class", report.contention().monitorByClass());
        waits(out, "Site", report.contention().monitorBySite());
        section(out, "Lock contention: parking (jdk.ThreadPark)");
        waits(out, "Blocker class", report.contention().parkByClass());
        waits(out, "Site", report.contention().parkBySite());
        byMap(report.contention().byMap(), out);
        section(
                out,
                "Allocation"
                        + (report.allocation().source() == null
                                ? ""
                                : " (" + report.allocation().source() + ")"));
        allocation(out, "Class", report.allocation().byClass());
        allocation(out, "Site", report.allocation().bySite());
        threads(report, out);
        section(out, "Virtual threads pinned while blocked (jdk.VirtualThreadPinned)");
        waits(out, "Site", report.pinning());
        maps(report, out);
        out.flush();
    }

    private static void recording(RecordingInfo r, PrintWriter out) {
        out.println("mapwatch report: " + r.file());
        out.println(
                INDENT
                        + "recorded   "
                        + r.start()
                        + " for "
                        + duration(r.duration())
                        + ", "
                        + r.chunks()
                        + (r.chunks() == 1 ? " chunk, " : " chunks, ")
                        + bytes(r.bytes())
                        + ", "
                        + count(r.events())
                        + " events");
        if (r.jvmVersion() != null) {
            out.println(INDENT + "jvm        " + r.jvmVersion());
            out.println(
                    INDENT
                            + "process    "
                            + (r.pid() == null ? "" : "pid " + r.pid() + ", ")
                            + (r.jvmStart() == null ? "" : "started " + r.jvmStart() + ", ")
                            + "running "
                            + (r.javaArguments() == null ? "?" : r.javaArguments()));
        } else {
            out.println(
                    INDENT + "jvm        unknown (no jdk.JVMInformation event in the recording)");
        }
        out.println();
    }

    private static void section(PrintWriter out, String title) {
        out.println(title);
    }

    private static void waits(PrintWriter out, String what, Ranking ranking) {
        waits(out, what, ranking, INDENT);
    }

    private static void waits(PrintWriter out, String what, Ranking ranking, String indent) {
        table(
                out,
                ranking,
                "nothing recorded (none above the recording's threshold, or the event is disabled)",
                TextTable.withHeader(what, "count", "total", "share", "max"),
                t -> duration(Duration.ofNanos(t)),
                true,
                indent);
    }

    private static void byMap(MapContentionReport byMap, PrintWriter out) {
        section(
                out,
                "Lock contention by map (waits on a map's internal locks, named by their stack's call site)");
        Tally unattributed = byMap.unattributed();
        if (byMap.byMap().isEmpty() && unattributed.count() == 0) {
            out.println(
                    INDENT
                            + "nothing recorded (no waits on a map's internal locks; call sites of maps= in the"
                            + " recording: "
                            + count(byMap.callSites())
                            + ")");
            out.println();
            return;
        }
        long whole = byMap.byMap().total() + unattributed.total();
        TextTable table = TextTable.withHeader("Map", "strategy", "count", "total", "share", "max");
        for (MapContention m : byMap.maps()) {
            Tally t = m.waits();
            table.row(
                    t.name(),
                    m.strategy(),
                    count(t.count()),
                    duration(Duration.ofNanos(t.total())),
                    percent(t.shareOf(whole)),
                    duration(Duration.ofNanos(t.max())));
        }
        Tally other = byMap.byMap().other();
        if (other.count() > 0) {
            table.row(
                    "(" + other.name() + ")",
                    "",
                    count(other.count()),
                    duration(Duration.ofNanos(other.total())),
                    percent(other.shareOf(whole)),
                    duration(Duration.ofNanos(other.max())));
        }
        if (unattributed.count() > 0) {
            table.row(
                    "(no known call site)",
                    "",
                    count(unattributed.count()),
                    duration(Duration.ofNanos(unattributed.total())),
                    percent(unattributed.shareOf(whole)),
                    duration(Duration.ofNanos(unattributed.max())));
        }
        table.print(out, INDENT);
        out.println(
                INDENT
                        + count(byMap.callSites())
                        + " call sites of maps= in the recording; a wait whose stack"
                        + " names none counts on its lock's class only");
        out.println();
        for (MapContention m : byMap.maps()) {
            out.println(INDENT + m.map() + ": waiting sites (where the waiters called the map)");
            waits(out, "Site", m.waitingSites(), INDENT + INDENT);
            out.println(
                    INDENT
                            + m.map()
                            + ": holding sites (mapping functions seen blocked while they held the lock)");
            if (m.holdingSites().isEmpty()) {
                out.println(
                        INDENT
                                + INDENT
                                + "none recorded: the functions did not park or wait for a monitor above"
                                + " the threshold (a Thread.sleep, a socket read or CPU work records nothing); inferred: the"
                                + " threads that ran this map's mapping functions at the waiting sites held the lock");
                out.println();
            } else {
                for (Tally t : m.holdingSites().top()) {
                    out.println(
                            INDENT
                                    + INDENT
                                    + t.name()
                                    + ": "
                                    + count(t.count())
                                    + (t.count() == 1 ? " event, " : " events, ")
                                    + duration(Duration.ofNanos(t.total()))
                                    + " blocked, longest "
                                    + duration(Duration.ofNanos(t.max())));
                }
                if (m.holdingSites().other().count() > 0) {
                    Tally t = m.holdingSites().other();
                    out.println(
                            INDENT
                                    + INDENT
                                    + "(other): "
                                    + count(t.count())
                                    + " events, "
                                    + duration(Duration.ofNanos(t.total()))
                                    + " blocked");
                }
                out.println();
            }
        }
    }

    private static void allocation(PrintWriter out, String what, Ranking ranking) {
        table(
                out,
                ranking,
                "nothing recorded (allocation sampling disabled?)",
                TextTable.withHeader(what, "samples", "weight", "share"),
                bytes -> bytes(bytes),
                false,
                INDENT);
    }

    private static void table(
            PrintWriter out,
            Ranking ranking,
            String ifEmpty,
            TextTable table,
            LongFunction<String> format,
            boolean withMax,
            String indent) {
        if (ranking.isEmpty()) {
            out.println(indent + ifEmpty);
            out.println();
            return;
        }
        for (Tally t : ranking.top()) {
            table.row(
                    withMax
                            ? new String[] {
                                t.name(),
                                count(t.count()),
                                format.apply(t.total()),
                                percent(t.shareOf(ranking.total())),
                                format.apply(t.max())
                            }
                            : new String[] {
                                t.name(),
                                count(t.count()),
                                format.apply(t.total()),
                                percent(t.shareOf(ranking.total()))
                            });
        }
        Tally other = ranking.other();
        if (other.count() > 0) {
            table.row(
                    withMax
                            ? new String[] {
                                "(" + other.name() + ")",
                                count(other.count()),
                                format.apply(other.total()),
                                percent(other.shareOf(ranking.total())),
                                format.apply(other.max())
                            }
                            : new String[] {
                                "(" + other.name() + ")",
                                count(other.count()),
                                format.apply(other.total()),
                                percent(other.shareOf(ranking.total()))
                            });
        }
        table.print(out, indent);
        out.println();
    }

    private static void threads(Report report, PrintWriter out) {
        var threads = report.threads();
        section(
                out,
                "Threads (short-lived: less than " + duration(threads.shortLivedThreshold()) + ")");
        TextTable table =
                TextTable.withHeader(
                        "kind", "started", "ended", "peak live", "short-lived", "mean lifetime");
        kind(table, "platform", threads.platform());
        kind(table, "virtual", threads.virtual());
        table.print(out, INDENT);
        out.println();
        startedByName(out, "platform", threads.platform());
        startedByName(out, "virtual", threads.virtual());
    }

    private static void startedByName(PrintWriter out, String kind, ThreadKindReport k) {
        if (k.started() == 0) {
            return;
        }
        Ranking names = k.startedByName();
        TextTable byName =
                TextTable.withHeader(kind + " threads started, by name", "started", "share");
        for (Tally t : names.top()) {
            byName.row(t.name(), count(t.count()), percent(t.shareOf(names.total())));
        }
        if (names.other().count() > 0) {
            byName.row(
                    "(other)",
                    count(names.other().count()),
                    percent(names.other().shareOf(names.total())));
        }
        byName.print(out, INDENT);
        out.println();
    }

    private static void kind(TextTable table, String name, ThreadKindReport k) {
        table.row(
                name,
                count(k.started()),
                count(k.ended()),
                k.peakLive() == null ? "n/a" : count(k.peakLive()),
                k.lifetimes() == 0
                        ? "n/a"
                        : count(k.shortLived())
                                + " of "
                                + count(k.lifetimes())
                                + " ("
                                + percent(k.shortLivedShare())
                                + ")",
                k.lifetimes() == 0 ? "n/a" : duration(k.meanLifetime()));
    }

    private static void maps(Report report, PrintWriter out) {
        section(
                out,
                "Maps: totals since each map was created (its last mapwatch.MapStatistics sample)");
        if (report.maps().isEmpty()) {
            out.println(
                    INDENT
                            + "no mapwatch map events in this recording (no mapwatch maps, or the"
                            + " recording left out category 'mapwatch')");
            out.println();
            return;
        }
        TextTable totals =
                TextTable.withHeader(
                        "map",
                        "strategy",
                        "lookups",
                        "hit ratio",
                        "writes",
                        "promotions",
                        "purged",
                        "lock waits",
                        "waited",
                        "size",
                        "tombstones",
                        "oldest");
        for (MapHealth m : report.maps()) {
            MapCounts t = m.sinceCreation();
            boolean waits = m.lockWaitsCounted();
            totals.row(
                    m.map(),
                    m.strategy(),
                    count(t.lookups()),
                    percent(t.hitRatio()),
                    count(t.writes()),
                    count(t.promotions()),
                    count(t.tombstonesPurged()),
                    waits ? count(t.lockWaits()) : "-",
                    waits ? duration(t.lockWaitTime()) : "-",
                    count(m.size()),
                    count(m.tombstones()),
                    m.tombstones() == 0 ? "-" : duration(m.oldestTombstoneAge()));
        }
        totals.print(out, INDENT);
        if (report.maps().stream().anyMatch(m -> !m.lockWaitsCounted())) {
            out.println(
                    INDENT
                            + "lock waits '-': a map counted at its call sites (maps=); its waits are in 'Lock"
                            + " contention by map'");
        }
        out.println();
        section(
                out,
                "Maps: inside the recording (growth between each map's first and last sample, and rates)");
        TextTable inside =
                TextTable.withHeader(
                        "map",
                        "strategy",
                        "window",
                        "lookups",
                        "hit ratio",
                        "ops/s",
                        "writes",
                        "promotions/s",
                        "lock waits",
                        "waited");
        for (MapHealth m : report.maps()) {
            inside.row(
                    m.map(),
                    m.strategy(),
                    m.window().isZero() ? "one sample" : duration(m.window()),
                    count(m.lookups()),
                    percent(m.hitRatio()),
                    rate(m.operationsPerSecond()),
                    count(m.writes()),
                    rate(m.promotionsPerSecond()),
                    m.lockWaitsCounted() ? count(m.lockWaits()) : "-",
                    m.lockWaitsCounted() ? duration(m.lockWaitTime()) : "-");
        }
        inside.print(out, INDENT);
        out.println();
        section(out, "Advice");
        if (report.advice().isEmpty()) {
            out.println(
                    INDENT
                            + "none: every map's figures are within the thresholds of the decision guide");
            return;
        }
        for (Advice a : report.advice()) {
            out.println(
                    INDENT
                            + a.map()
                            + " ("
                            + a.strategy()
                            + "): use "
                            + a.suggestion()
                            + "  ["
                            + a.rule()
                            + "]");
            out.println(INDENT + INDENT + a.reason());
        }
    }
}
