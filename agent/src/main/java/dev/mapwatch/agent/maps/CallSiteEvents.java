package dev.mapwatch.agent.maps;

import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteLocations;
import dev.mapwatch.bootstrap.SiteStats;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * The maps that {@code maps=} counts, in the JFR recording, so that a {@code jcmd JFR.dump} tells
 * {@code mapwatch report} what {@code /metrics} knows: a periodic {@code mapwatch.MapStatistics}
 * per counted map and map class (the maps library's event, same name and fields, named as on
 * {@code /metrics}, plus the mapping functions' runs and time: {@code computeRuns}, {@code
 * computeTime}, {@code computeMax}; its field {@code source} is {@value #SOURCE}, so the agent's own stream, which
 * reads the call sites directly, skips them), and at every chunk a {@code mapwatch.MapCallSite}
 * per rewritten call site (class, method, line, map), with which the report names the map a stack
 * trace waited in. Cost: one event per counted map a second, one per site a chunk, on JFR's
 * periodic thread.
 */
final class CallSiteEvents {

    /** The {@code source} of the statistics this class emits. */
    static final String SOURCE = "callSites";

    private CallSiteEvents() {}

    /** Registers both periodic events (once JFR runs: the agent's recording has started). */
    static void register() {
        FlightRecorder.addPeriodicEvent(Statistics.class, CallSiteEvents::emitStatistics);
        FlightRecorder.addPeriodicEvent(CallSite.class, CallSiteEvents::emitSites);
    }

    private static void emitStatistics() {
        for (SiteStats site : MapSites.snapshot()) {
            Statistics event = new Statistics();
            if (!event.isEnabled()) {
                return;
            }
            event.map = site.map();
            event.strategy = site.strategy();
            event.counting = site.counting();
            event.hits = site.hits();
            event.misses = site.misses();
            event.puts = site.puts();
            event.removals = site.removals();
            event.size = site.size();
            event.computeRuns = site.computeRuns();
            event.computeTime = site.computeNanos();
            event.computeMax = site.computeMaxNanos();
            event.source = SOURCE;
            event.commit();
        }
    }

    private static void emitSites() {
        for (SiteLocations.Location location : SiteLocations.snapshot()) {
            CallSite event = new CallSite();
            if (!event.isEnabled()) {
                return;
            }
            event.className = location.className();
            event.method = location.method();
            event.descriptor = location.descriptor();
            event.line = location.line();
            event.map = SiteLocations.AMBIGUOUS.equals(location.site()) ? null : location.site();
            event.commit();
        }
    }

    /** {@code mapwatch.MapStatistics} of a counted map: the maps library's fields, and {@code source}. */
    @Name(dev.mapwatch.maps.MapEventNames.STATISTICS)
    @Label("Map Statistics")
    @Category("mapwatch")
    @Description(
            "Cumulative counters and current gauges of one map counted at its call sites (maps=)")
    @Period("1 s")
    @StackTrace(false)
    static final class Statistics extends Event {
        @Label("Map")
        @Nullable String map;

        @Label("Strategy")
        @Nullable String strategy;

        @Label("Counting")
        @Nullable String counting;

        @Label("Hits")
        long hits;

        @Label("Misses")
        long misses;

        @Label("Puts")
        long puts;

        @Label("Removals")
        long removals;

        @Label("Promotions")
        long promotions;

        @Label("Tombstones")
        long tombstones;

        @Label("Oldest Tombstone Age")
        @Timespan(Timespan.NANOSECONDS)
        long oldestTombstoneAge;

        @Label("Tombstones Purged")
        long tombstonesPurged;

        @Label("Tombstone Age At Purge")
        @Timespan(Timespan.NANOSECONDS)
        long tombstonePurgeAge;

        @Label("Lock Waits")
        long lockWaits;

        @Label("Lock Wait Time")
        @Timespan(Timespan.NANOSECONDS)
        long lockWaitTime;

        @Label("Size")
        long size;

        @Label("Compute Runs")
        @Description(
                "Runs of the mapping functions of computeIfAbsent, compute, computeIfPresent, merge")
        long computeRuns;

        @Label("Compute Time")
        @Description("Their total time: how long they held the map's bin lock")
        @Timespan(Timespan.NANOSECONDS)
        long computeTime;

        @Label("Longest Compute")
        @Description("The longest run in the last 30 to 60 s")
        @Timespan(Timespan.NANOSECONDS)
        long computeMax;

        @Label("Source")
        @Description("callSites: counted by the agent at the map's call sites")
        @Nullable String source;
    }

    /** {@code mapwatch.MapCallSite}: where one rewritten call site is, and its map (null: several). */
    @Name(dev.mapwatch.maps.MapEventNames.CALL_SITE)
    @Label("Map Call Site")
    @Category("mapwatch")
    @Description(
            "A rewritten map call site of maps= and the map it calls, for naming the map of a stack trace")
    @Period("everyChunk")
    @StackTrace(false)
    static final class CallSite extends Event {
        @Label("Class")
        @Nullable String className;

        @Label("Method")
        @Nullable String method;

        @Label("Descriptor")
        @Nullable String descriptor;

        @Label("Line")
        int line;

        @Label("Map")
        @Nullable String map;
    }
}
