package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;

/**
 * A mapping function wrapped to note whether it ran and what it saw, and to time each run. One
 * wrapper serves one call at a time: armed before the map call, completed or abandoned right after
 * it. Wrappers for the JDK's own maps, which run the function on the caller's thread during the
 * call and keep no reference to it, are reused from a per-thread pool ({@link FunctionPool}), so a
 * counted {@code merge} allocates nothing; for any other map class (which might keep the function,
 * or run it later or elsewhere) each call gets a wrapper of its own.
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

    /** Marks a run and returns its start. */
    final long begin() {
        called = true;
        return System.nanoTime();
    }

    /** Ends a run that began at {@code start}. */
    final void end(long start) {
        site.computeTimes.record(System.nanoTime() - start);
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
