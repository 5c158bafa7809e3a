package dev.mapwatch.bootstrap;

/**
 * What a cache's own statistics say beyond hits and misses: its loads and evictions, as the cache
 * library counts them ({@link CacheCounters}).
 *
 * @param loadSuccesses loads that returned a value
 * @param loadFailures  loads that threw, or returned null
 * @param loadNanos     the time all those loads took
 * @param evictions     entries evicted for size, weight or expiry (not explicit invalidations)
 */
public record CacheFigures(long loadSuccesses, long loadFailures, long loadNanos, long evictions) {

    /** Not a cache, or nothing loaded or evicted yet. */
    public static final CacheFigures NONE = new CacheFigures(0, 0, 0, 0);

    /** Loads that succeeded or failed. */
    public long loads() {
        return loadSuccesses + loadFailures;
    }
}
