package dev.mapwatch.bootstrap;

/**
 * What the rewritten call sites of one map name have counted on maps of one class, since the
 * agent started counting them.
 *
 * @param map      the map's name: {@code <class>.<field>} or {@code <class>.<method>:<line>}
 * @param strategy the simple name of the maps' class, e.g. {@code ConcurrentHashMap}
 * @param counting how hits, misses, puts and removals are counted: the name of the maps library's
 *                 {@code Counting} constant ({@code EXACT}, {@code SAMPLED}: those four are
 *                 estimates, {@code OFF}: they are zero); a name, because that enum is relocated
 *                 differently in this jar and in the agent's
 * @param hits     lookups that found a value
 * @param misses   lookups that found nothing
 * @param puts     entries written
 * @param removals entries removed
 * @param size     entries now in the distinct maps these sites have seen and that are still alive
 *                 (at most {@link SiteCounters#TRACKED_MAPS} of them)
 * @param computeRuns     runs of the mapping functions of {@code computeIfAbsent}, {@code compute},
 *                        {@code computeIfPresent} and {@code merge} (in every mode but {@code OFF})
 * @param computeNanos    their total time
 * @param computeMaxNanos the longest run in the last 30 to 60 s ({@link ComputeTimes})
 * @param cache    for a cache's sites, its loads and evictions as the library counts them ({@link
 *                 CacheFigures#NONE} for maps)
 */
public record SiteStats(
        String map,
        String strategy,
        String counting,
        long hits,
        long misses,
        long puts,
        long removals,
        long size,
        long computeRuns,
        long computeNanos,
        long computeMaxNanos,
        CacheFigures cache) {

    /** The figures of a map's sites: no cache figures. */
    public SiteStats(
            String map,
            String strategy,
            String counting,
            long hits,
            long misses,
            long puts,
            long removals,
            long size,
            long computeRuns,
            long computeNanos,
            long computeMaxNanos) {
        this(
                map,
                strategy,
                counting,
                hits,
                misses,
                puts,
                removals,
                size,
                computeRuns,
                computeNanos,
                computeMaxNanos,
                CacheFigures.NONE);
    }

    /** What the counters said, without the mapping functions' or loads' times (for comparisons in tests). */
    public SiteStats counts() {
        return new SiteStats(
                map,
                strategy,
                counting,
                hits,
                misses,
                puts,
                removals,
                size,
                0,
                0,
                0,
                new CacheFigures(
                        cache.loadSuccesses(), cache.loadFailures(), 0, cache.evictions()));
    }
}
