package dev.mapwatch.maps;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/** {@code mapwatch.MapStatistics}: what one live map has counted, emitted periodically. */
@Name(MapEventNames.STATISTICS)
@Label("Map Statistics")
@Category("mapwatch")
@Description("Cumulative counters and current gauges of one watched map")
@Period("1 s")
@StackTrace(false)
final class MapStatisticsEvent extends Event {
    @Label("Map")
    @Nullable String map;

    @Label("Strategy")
    @Nullable String strategy;

    @Label("Counting")
    @Description("EXACT, SAMPLED (hits, misses, puts and removals are estimates) or OFF")
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
    @Description("Sum of the ages of purged tombstones")
    @Timespan(Timespan.NANOSECONDS)
    long tombstonePurgeAge;

    @Label("Lock Waits")
    long lockWaits;

    @Label("Lock Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    long lockWaitTime;

    @Label("Size")
    long size;
}
