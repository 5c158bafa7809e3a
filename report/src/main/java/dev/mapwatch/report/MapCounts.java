package dev.mapwatch.report;

import java.time.Duration;

/**
 * One map's counters over a span: {@link MapHealth#sinceCreation()}, as its last {@code
 * mapwatch.MapStatistics} sample says (the event's counters are cumulative, so this includes what
 * the map did before the recording or before its first sample; a map recreated under the same name
 * counts from its re-creation), or {@link MapHealth#inRecording()}, the growth inside the recording.
 *
 * @param hits             lookups that found a value
 * @param misses           lookups that found none
 * @param puts             insertions and replacements
 * @param removals         removals
 * @param promotions       dirty-map promotions (SYNC_MAP)
 * @param tombstonesPurged deleted entries purged
 * @param lockWaits        contended lock acquisitions
 * @param lockWaitTime     time spent waiting for the lock
 */
public record MapCounts(
        long hits,
        long misses,
        long puts,
        long removals,
        long promotions,
        long tombstonesPurged,
        long lockWaits,
        Duration lockWaitTime) {

    /** No sample: all zero. */
    public static final MapCounts NONE = new MapCounts(0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    public long lookups() {
        return hits + misses;
    }

    public long writes() {
        return puts + removals;
    }

    /** Hits per lookup, NaN without lookups. */
    public double hitRatio() {
        return lookups() == 0 ? Double.NaN : (double) hits / lookups();
    }
}
