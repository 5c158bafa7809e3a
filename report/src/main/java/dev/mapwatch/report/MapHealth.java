package dev.mapwatch.report;

import java.time.Duration;
import java.util.List;

/**
 * What one map did, from mapwatch's {@code mapwatch.MapStatistics}, {@code mapwatch.MapPromotion}
 * and {@code mapwatch.MapLockWait} events: its totals since it was created ({@link
 * #sinceCreation()}), and what it did inside the recording. The counters of this record are the
 * latter: the growth between the map's first and last statistics sample (a counter that went down,
 * because the map was recreated under the same name, counts from zero again), over {@link
 * #window()}, from which the rates come. A map with a single sample did nothing measurable inside
 * the recording (counters zero, window zero, rates NaN); its totals still say what it did.
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
 * @param sinceCreation           the counters since the map was created, at the last sample
 * @param source                  who counted: null for a maps-library map, {@value #CALL_SITES} for
 *                                a map the agent counts at its call sites ({@code maps=}), whose
 *                                statistics count no lock waits (its waits are in the contention by map)
 * @param counting                how lookups and writes were counted ({@code EXACT}, {@code SAMPLED}:
 *                                estimates, {@code OFF}), null when the event does not say
 */
public record MapHealth(
        String map,
        String strategy,
        long samples,
        Duration window,
        long hits,
        long misses,
        long puts,
        long removals,
        long promotions,
        long tombstonesPurged,
        long lockWaits,
        Duration lockWaitTime,
        long tombstones,
        long maxTombstones,
        Duration oldestTombstoneAge,
        Duration maxOldestTombstoneAge,
        long size,
        long promotionEvents,
        long lockWaitEvents,
        Duration longestLockWait,
        List<TimePoint> hitRatioTimeline,
        List<TimePoint> tombstoneTimeline,
        MapCounts sinceCreation,
        String source,
        String counting) {

    /** The {@code source} of the statistics of a map counted at its call sites by the agent. */
    public static final String CALL_SITES = "callSites";

    public MapHealth {
        hitRatioTimeline = List.copyOf(hitRatioTimeline);
        tombstoneTimeline = List.copyOf(tombstoneTimeline);
    }

    /** Whether the statistics count lock waits: not for a map counted at its call sites, whose waits are unknown there. */
    public boolean lockWaitsCounted() {
        return !CALL_SITES.equals(source);
    }

    /** This record's counters (inside the recording) as one value, like {@link #sinceCreation()}. */
    public MapCounts inRecording() {
        return new MapCounts(
                hits,
                misses,
                puts,
                removals,
                promotions,
                tombstonesPurged,
                lockWaits,
                lockWaitTime);
    }

    public long lookups() {
        return inRecording().lookups();
    }

    public long writes() {
        return inRecording().writes();
    }

    /** Hits per lookup, NaN without lookups. */
    public double hitRatio() {
        return inRecording().hitRatio();
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
