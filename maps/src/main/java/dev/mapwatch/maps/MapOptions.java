package dev.mapwatch.maps;

/**
 * How one map was configured by {@link MapWatchBuilder}.
 *
 * @param name the map's name, its {@code map} label
 * @param strategy how it stores entries
 * @param shards the number of shards of a {@link Strategy#STRIPED} map, a power of two
 * @param trackLifespans whether deletion times are recorded so tombstone ages can be reported
 * @param counting how hits, misses, puts and removals are counted
 * @param lockWaitThresholdNanos contended lock waits at least this long emit {@code
 *     mapwatch.MapLockWait}
 */
record MapOptions(
        String name,
        Strategy strategy,
        int shards,
        boolean trackLifespans,
        Counting counting,
        long lockWaitThresholdNanos) {}
