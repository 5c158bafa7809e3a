package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;

/**
 * A mapping function wrapped to note whether it ran and what it saw, and to time each run. One
 * wrapper serves one call at a time: armed before the map call, completed or abandoned right after
 * it. Wrappers for the JDK's own maps, which run the function on the caller's thread during the
 * call and keep no reference to it, are reused from a per-thread pool ({@link FunctionPool}), so a
 * counted {@code merge} allocates nothing; for any other map class (which might keep the function,
 * or run it later or elsewhere) each call gets a wrapper of its own. Which runs are timed is
 * {@link ComputeTimes}' choice.
 */
abstract sealed class CountingFunction permits Loading, Remapping {

    private final FunctionPool pool;

    /** The next free wrapper in the pool (owner thread only). */
    CountingFunction next;

    SiteCounters site;
    boolean called;

    CountingFunction(FunctionPool pool) {
        this.pool = pool;
    }

    final MapCounters ops() {
        return site.counters;
    }

    /** Whether this call's run is timed, and what one timed run stands for (1, or the sampling interval). */
    private long weight;

    /** Arms this wrapper for one call at {@code counters}: whether its run will be timed ({@link ComputeTimes}). */
    final void arm(SiteCounters counters, boolean alwaysTimed, FunctionPool thread) {
        site = counters;
        called = false;
        weight = counters.computeTimes.weightOfNextRun(alwaysTimed, thread);
    }

    /** Marks a run and returns its start (0 when it is not timed). */
    final long begin() {
        called = true;
        return weight == 0 ? 0 : System.nanoTime();
    }

    /** Ends a run that began at {@code start}. */
    final void end(long start) {
        site.computeTimes.record(weight == 0 ? 0 : System.nanoTime() - start, weight);
    }

    /** Drops the references of the last call and returns this wrapper to its pool, if it has one. */
    final void release() {
        site = null;
        forget();
        if (pool != null) {
            pool.release(this);
        }
    }

    /** Drops the call's function and values. */
    abstract void forget();
}
