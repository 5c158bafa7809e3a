package dev.mapwatch.maps;

import java.time.Duration;

/**
 * What a {@link WatchedMap} has counted since it was created: an immutable snapshot.
 *
 * <p>Counters ({@code hits} to {@code lockWaitNanos}) only grow. {@code tombstones}, {@code
 * oldestTombstoneAgeNanos} and {@code size} are gauges: their value now. A strategy that has no
 * promotions or tombstones reports zero for them.
 *
 * <p>For {@link Strategy#SYNC_MAP}, as in Go's {@code sync.Map}: a <em>promotion</em> replaces
 * the read-only map by the dirty map, after as many locked lookups (misses) as the dirty map has
 * entries, or when iteration starts while the dirty map holds new keys. A <em>tombstone</em> is a
 * deleted entry still held by the read-only map (Go's {@code nil} or {@code expunged} entry); it
 * is <em>purged</em> when the map stops holding it: when a promotion drops it (it was expunged by
 * the dirty-map rebuild that followed its deletion) or when the map is cleared. Its age runs from
 * its deletion, and is only known when the map tracks lifespans ({@link
 * MapWatchBuilder#trackLifespans(boolean)}, on by default).
 *
 * @param hits lookups that found a value: {@code get}, {@code getOrDefault}, {@code containsKey},
 *     and the lookup inside {@code putIfAbsent} and {@code computeIfAbsent}
 * @param misses lookups that found nothing
 * @param puts entries written (inserted or replaced)
 * @param removals entries removed
 * @param promotions times a {@link Strategy#SYNC_MAP} promoted its dirty map to the read map
 * @param tombstones deleted entries not yet purged, now
 * @param oldestTombstoneAgeNanos age of the oldest tombstone now, in nanoseconds; zero when there
 *     is none or when entry lifespans are not tracked
 * @param tombstonesPurged tombstones purged so far
 * @param tombstonePurgeAgeNanos sum of the ages of purged tombstones at the moment they were
 *     purged, in nanoseconds (divide by {@code tombstonesPurged} for the mean)
 * @param lockWaits lock acquisitions that had to wait because another thread held the lock
 * @param lockWaitNanos total time spent waiting in those acquisitions, in nanoseconds
 * @param size the number of entries now
 */
public record MapStats(
        long hits,
        long misses,
        long puts,
        long removals,
        long promotions,
        long tombstones,
        long oldestTombstoneAgeNanos,
        long tombstonesPurged,
        long tombstonePurgeAgeNanos,
        long lockWaits,
        long lockWaitNanos,
        long size) {

    private static final MapStats EMPTY = new MapStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Statistics of a map to which nothing has happened. */
    public static MapStats empty() {
        return EMPTY;
    }

    /** All lookups: {@code hits + misses}. */
    public long lookups() {
        return hits + misses;
    }

    /** The share of lookups that found a value, {@code 1.0} when there were none (as Caffeine). */
    public double hitRatio() {
        long lookups = lookups();
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }

    /** The share of lookups that found nothing, {@code 0.0} when there were none. */
    public double missRatio() {
        long lookups = lookups();
        return lookups == 0 ? 0.0 : (double) misses / lookups;
    }

    /** The age of the oldest tombstone now. */
    public Duration oldestTombstoneAge() {
        return Duration.ofNanos(oldestTombstoneAgeNanos);
    }

    /** The total time spent waiting for this map's locks. */
    public Duration lockWaitTime() {
        return Duration.ofNanos(lockWaitNanos);
    }
}
