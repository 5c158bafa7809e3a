package dev.mapwatch.report;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Test-only copies of the maps library's JFR events: same names and fields as the contract in
 * the brief, so the report reads them exactly as it reads the real ones (by name, never by
 * class). The maps module is built in parallel, hence the copies.
 */
final class TestMapEvents {
    private TestMapEvents() {
    }

    @Name("mapwatch.MapStatistics")
    @Category("mapwatch")
    @Label("Map Statistics")
    @StackTrace(false)
    static final class MapStatistics extends Event {
        String map;
        String strategy;
        long hits;
        long misses;
        long puts;
        long removals;
        long promotions;
        long tombstones;
        @Timespan(Timespan.NANOSECONDS)
        long oldestTombstoneAge;
        long tombstonesPurged;
        @Timespan(Timespan.NANOSECONDS)
        long tombstonePurgeAge;
        long lockWaits;
        @Timespan(Timespan.NANOSECONDS)
        long lockWaitTime;
        long size;
    }

    @Name("mapwatch.MapPromotion")
    @Category("mapwatch")
    @Label("Map Promotion")
    static final class MapPromotion extends Event {
        String map;
        String strategy;
        long entries;
    }

    @Name("mapwatch.MapLockWait")
    @Category("mapwatch")
    @Label("Map Lock Wait")
    static final class MapLockWait extends Event {
        String map;
        String strategy;
        String mode;
    }
}
