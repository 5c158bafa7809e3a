package dev.mapwatch.exporter.jfr;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Stand-ins for the events the maps library publishes, with the contract's names and fields, so
 * the exporter's handlers are tested without the maps' implementation.
 */
final class TestMapEvents {

    private TestMapEvents() {}

    @Name("mapwatch.MapStatistics")
    @Label("Map Statistics")
    @Category("mapwatch")
    @StackTrace(false)
    static final class MapStatistics extends Event {
        @Label("Map") String map;
        @Label("Strategy") String strategy;
        @Label("Hits") long hits;
        @Label("Misses") long misses;
        @Label("Puts") long puts;
        @Label("Removals") long removals;
        @Label("Promotions") long promotions;
        @Label("Tombstones") long tombstones;
        @Label("Oldest Tombstone Age") @Timespan(Timespan.NANOSECONDS) long oldestTombstoneAge;
        @Label("Tombstones Purged") long tombstonesPurged;
        @Label("Tombstone Purge Age") @Timespan(Timespan.NANOSECONDS) long tombstonePurgeAge;
        @Label("Lock Waits") long lockWaits;
        @Label("Lock Wait Time") @Timespan(Timespan.NANOSECONDS) long lockWaitTime;
        @Label("Size") long size;
    }

    @Name("mapwatch.MapPromotion")
    @Label("Map Promotion")
    @Category("mapwatch")
    static final class MapPromotion extends Event {
        @Label("Map") String map;
        @Label("Strategy") String strategy;
        @Label("Entries") long entries;
    }

    @Name("mapwatch.MapLockWait")
    @Label("Map Lock Wait")
    @Category("mapwatch")
    static final class MapLockWait extends Event {
        @Label("Map") String map;
        @Label("Strategy") String strategy;
        @Label("Mode") String mode;
    }

    /** An event whose handler throws, for the containment test. */
    @Name("mapwatch.test.Boom")
    @Label("Boom")
    static final class Boom extends Event {
        @Label("Sequence") int sequence;
    }
}
