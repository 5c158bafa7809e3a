package dev.mapwatch.maps;

/**
 * How a map counts its operations (hits, misses, puts, removals): {@link
 * MapWatchBuilder#counting(Counting)}, or {@link MapCounters#create(Counting)} for code that counts
 * maps of its own.
 *
 * <p>Structural figures (size, promotions, tombstones, lock waits) are exact in every mode: they
 * cost nothing on the hot path.
 */
public enum Counting {

    /**
     * Every operation counted, exactly (the default): one increment of a per-thread cell per
     * operation, about 1.5 to 2 ns on two busy cores ({@link MapCounters} has the measurements).
     */
    EXACT,

    /**
     * Operations counted during short JVM-wide sampling windows only, and the counts scaled to
     * estimate the totals: outside a window an operation reads one field of its map and nothing
     * else. The figures are estimates whose relative error shrinks with the traffic: below 0.1 %
     * over a minute at a million operations a second of steady load, a few per cent for a map used
     * a few thousand times a minute or in millisecond bursts. A thread that does nothing but map
     * operations is under-counted, down to half: inside a window its operations cost about twice as
     * much, so it makes fewer of them there (a thread doing real work between them is not). On a
     * host with more runnable threads than cores the windows sample the scheduler's order rather
     * than random instants, and a few seconds' estimate can be off by a factor of two or more, low
     * more often than high (0.4 to 1.2 of the truth over 3 s, measured at three busy threads per
     * core): use {@link #EXACT} where counts must hold over seconds on saturated hosts. {@link
     * SamplingWindows} describes the windows, the estimator and its error; exporters label such
     * figures as estimates.
     *
     * <p>Cost (JMH, two threads on two cores, {@code bench/RESULTS.md}): a sampled {@code get}
     * keeps 0.82 to 0.92 of a raw {@code ConcurrentHashMap.get}'s throughput, where an exact one
     * keeps 0.52 to 0.65 and an uncounted one 0.88 to 0.96.
     */
    SAMPLED,

    /** Operations not counted: hits, misses, puts and removals read zero. */
    OFF
}
