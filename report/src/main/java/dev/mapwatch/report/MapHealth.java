package dev.mapwatch.report;

import java.time.Duration;
import java.util.List;

/**
 * What one map did over the recording, from mapwatch's {@code mapwatch.MapStatistics},
 * {@code mapwatch.MapPromotion} and {@code mapwatch.MapLockWait} events. Counters are the growth
 * between the map's first and last statistics sample (a counter that went down, because the map
 * was recreated under the same name, counts from zero again); a map with a single sample reports
 * its counters since creation and has no rates ({@link #window()} is zero).
 *
 * @param map                     the map's name
 * @param strategy                its strategy (enum name, e.g. {@code SYNC_MAP})
 * @param samples                 statistics samples read
 * @param window                  time between the first and the last sample
 * @param hits                    lookups that found a value
 * @param misses                  lookups that found none
 * @param puts                    insertions and replacements
 * @param removals                removals
 * @param promotions              dirty-map promotions (SYNC_MAP)
 * @param tombstonesPurged        deleted entries purged
 * @param lockWaits               contended lock acquisitions
 * @param lockWaitTime            time spent waiting for the lock
 * @param tombstones              deleted entries not yet purged, at the last sample
 * @param maxTombstones           most such entries at any sample
 * @param oldestTombstoneAge      age of the oldest one, at the last sample
 * @param maxOldestTombstoneAge   largest such age at any sample
 * @param size                    entries at the last sample
 * @param promotionEvents         {@code mapwatch.MapPromotion} events
 * @param lockWaitEvents          {@code mapwatch.MapLockWait} events (waits above their threshold)
 * @param longestLockWait         longest of those waits
 * @param hitRatioTimeline        hit ratio between consecutive samples
 * @param tombstoneTimeline       tombstones at each sample
 */
public record MapHealth(String map, String strategy, long samples, Duration window, long hits, long misses,
        long puts, long removals, long promotions, long tombstonesPurged, long lockWaits, Duration lockWaitTime,
        long tombstones, long maxTombstones, Duration oldestTombstoneAge, Duration maxOldestTombstoneAge,
        long size, long promotionEvents, long lockWaitEvents, Duration longestLockWait,
        List<TimePoint> hitRatioTimeline, List<TimePoint> tombstoneTimeline) {

    public MapHealth {
        hitRatioTimeline = List.copyOf(hitRatioTimeline);
        tombstoneTimeline = List.copyOf(tombstoneTimeline);
    }

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

    /** Misses per lookup, NaN without lookups. */
    public double missRatio() {
        return lookups() == 0 ? Double.NaN : (double) misses / lookups();
    }

    /** Writes per operation (lookups and writes), NaN without operations. */
    public double writeShare() {
        long operations = lookups() + writes();
        return operations == 0 ? Double.NaN : (double) writes() / operations;
    }

    /** Operations per second over the window, NaN without a window. */
    public double operationsPerSecond() {
        return perSecond(lookups() + writes());
    }

    public double promotionsPerSecond() {
        return perSecond(promotions);
    }

    public double lockWaitsPerSecond() {
        return perSecond(lockWaits);
    }

    /** Lock-wait time per second of the window (can exceed 1 with several waiters), NaN without a window. */
    public double lockWaitShare() {
        return window.isZero() ? Double.NaN : (double) lockWaitTime.toNanos() / window.toNanos();
    }

    private double perSecond(long count) {
        return window.isZero() ? Double.NaN : count / (window.toNanos() / 1e9);
    }
}
