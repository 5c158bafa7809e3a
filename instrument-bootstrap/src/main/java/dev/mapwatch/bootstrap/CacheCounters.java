package dev.mapwatch.bootstrap;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where a cache library's statistics hooks record, for one cache name: the {@code StatsCounter}
 * that the agent puts into a Caffeine or Guava builder ({@link CacheLibrary}) calls these with what
 * the library itself would count with {@code recordStats()}, so the figures mean exactly what the
 * library's {@code CacheStats} would say. Hits and misses go to the site's {@link MapCounters}, in
 * the mode the agent counts maps in; loads and evictions, which are slower than the lookups they
 * follow, to adders.
 *
 * <p>Cost: a hit or a miss is one {@code MapCounters} increment, as for a counted map lookup; a
 * load or an eviction one or two {@link LongAdder} adds (bench/RESULTS.md section 8).
 */
public final class CacheCounters {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    CacheCounters() {}

    /** {@code count} lookups found a value. */
    public void recordHits(int count) {
        hits.add(count);
    }

    /** {@code count} lookups found nothing. */
    public void recordMisses(int count) {
        misses.add(count);
    }

    /** One lookup, a hit or a miss. */
    void recordLookup(boolean hit) {
        (hit ? hits : misses).increment();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** A load returned a value after {@code nanos}. */
    public void recordLoadSuccess(long nanos) {
        loadSuccesses.increment();
        loadNanos.add(nanos);
    }

    /** A load threw, or returned null, after {@code nanos}. */
    public void recordLoadFailure(long nanos) {
        loadFailures.increment();
        loadNanos.add(nanos);
    }

    /** An entry was evicted (size, weight or expiry). */
    public void recordEviction() {
        evictions.increment();
    }

    CacheFigures figures() {
        return new CacheFigures(
                loadSuccesses.sum(), loadFailures.sum(), loadNanos.sum(), evictions.sum());
    }
}
