package dev.mapwatch.testkit;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * Stand-ins for the JFR events the maps library publishes, with the same names and fields (checked
 * against the real event classes by {@code TestMapEventsContractTest}), so the exporter's handlers
 * and the report, which read events by name, are tested with exactly the figures a test chooses.
 */
public final class TestMapEvents {

    private TestMapEvents() {}

    @Name("mapwatch.MapStatistics")
    @Label("Map Statistics")
    @Category("mapwatch")
    @StackTrace(false)
    public static final class MapStatistics extends Event {
        @Label("Map")
        public @Nullable String map;

        @Label("Strategy")
        public @Nullable String strategy;

        @Label("Counting")
        public String counting = "EXACT";

        @Label("Hits")
        public long hits;

        @Label("Misses")
        public long misses;

        @Label("Puts")
        public long puts;

        @Label("Removals")
        public long removals;

        @Label("Promotions")
        public long promotions;

        @Label("Tombstones")
        public long tombstones;

        @Label("Oldest Tombstone Age")
        @Timespan(Timespan.NANOSECONDS)
        public long oldestTombstoneAge;

        @Label("Tombstones Purged")
        public long tombstonesPurged;

        @Label("Tombstone Purge Age")
        @Timespan(Timespan.NANOSECONDS)
        public long tombstonePurgeAge;

        @Label("Lock Waits")
        public long lockWaits;

        @Label("Lock Wait Time")
        @Timespan(Timespan.NANOSECONDS)
        public long lockWaitTime;

        @Label("Size")
        public long size;
    }

    @Name("mapwatch.MapPromotion")
    @Label("Map Promotion")
    @Category("mapwatch")
    public static final class MapPromotion extends Event {
        @Label("Map")
        public @Nullable String map;

        @Label("Strategy")
        public @Nullable String strategy;

        @Label("Entries")
        public long entries;
    }

    @Name("mapwatch.MapLockWait")
    @Label("Map Lock Wait")
    @Category("mapwatch")
    public static final class MapLockWait extends Event {
        @Label("Map")
        public @Nullable String map;

        @Label("Strategy")
        public @Nullable String strategy;

        @Label("Mode")
        public @Nullable String mode;
    }

    /** An event whose handler throws, for the containment test. */
    @Name("mapwatch.test.Boom")
    @Label("Boom")
    public static final class Boom extends Event {
        @Label("Sequence")
        public int sequence;
    }
}
