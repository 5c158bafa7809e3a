package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapCounters;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The counters of one map name and map class, and the map instances seen under that name (for
 * their size). The counting is the maps library's {@link MapCounters}, relocated into this jar,
 * in the mode {@link MapSites#counting(String)} set when these counters were created; instances
 * are tracked for their size in every mode, {@link Counting#OFF} included (sizes are structural).
 *
 * <p>Instances are remembered weakly, at most {@value #TRACKED_MAPS} per name and class: a field
 * held by many objects, or a local map created per request, would otherwise make the list grow
 * with traffic. Once that many have been seen, later instances are counted but no longer looked
 * at, so the hot path loses its identity check.
 */
final class SiteCounters {

    /** The most map instances whose size one name and class report. */
    static final int TRACKED_MAPS = 16;

    private final String map;
    private final String strategy;
    final MapCounters counters;
    final ComputeTimes computeTimes = new ComputeTimes();

    /** What a cache library's statistics hook records here, when these are a cache's counters. */
    final CacheCounters cache;

    /** Tells the size of the caches these count; null for maps. */
    private volatile ToLongFunction<Object> cacheSize;

    @SuppressWarnings("unchecked")
    private final WeakReference<Object>[] seen = new WeakReference[TRACKED_MAPS];

    private int seenCount; // guarded by this

    /** False once {@link #TRACKED_MAPS} instances were seen: stop looking. Racy reads are harmless. */
    private boolean tracking = true;

    /**
     * True once a Spring cache was found to wrap a cache these count: that cache is counted, and
     * named, by Spring's name alone ({@link SpringCaches}), and these are no longer reported.
     */
    volatile boolean shadowed;

    /** The instance seen last: a racy one-entry cache in front of {@link #track}. */
    private Object lastSeen;

    SiteCounters(String map, String strategy, Counting counting) {
        this.map = map;
        this.strategy = strategy;
        this.counters = MapCounters.create(counting);
        this.cache = new CacheCounters();
    }

    /** These count caches, whose size {@code size} tells. */
    void countsCaches(ToLongFunction<Object> size) {
        this.cacheSize = size;
    }

    /** Remembers {@code instance} for its size, cheaply when it is the one seen last. */
    void see(Object instance) {
        if (lastSeen != instance && tracking) {
            track(instance);
        }
    }

    private synchronized void track(Object instance) {
        for (int i = 0; i < seenCount; i++) {
            if (seen[i].get() == instance) {
                lastSeen = instance;
                return;
            }
        }
        if (seenCount == TRACKED_MAPS) {
            tracking = false;
            return;
        }
        seen[seenCount++] = new WeakReference<>(instance);
        lastSeen = instance;
    }

    String map() {
        return map;
    }

    String strategy() {
        return strategy;
    }

    /** Whether {@code instance} is one of the instances these have seen. */
    synchronized boolean tracks(Object instance) {
        for (int i = 0; i < seenCount; i++) {
            if (seen[i].get() == instance) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot; calls {@code size()} of the live instances seen (on the caller's thread). */
    SiteStats stats() {
        return new SiteStats(
                map,
                strategy,
                cacheSize != null ? "EXACT" : counters.counting().name(),
                cacheSize != null ? cache.hits() : counters.hits(),
                cacheSize != null ? cache.misses() : counters.misses(),
                counters.puts(),
                counters.removals(),
                size(),
                computeTimes.runs(),
                computeTimes.nanos(),
                computeTimes.maxNanos(),
                cache.figures());
    }

    private long size() {
        Object[] live;
        synchronized (this) {
            live = new Object[seenCount];
            for (int i = 0; i < seenCount; i++) {
                live[i] = seen[i].get();
            }
        }
        long size = 0;
        ToLongFunction<Object> caches = cacheSize;
        for (Object instance : live) {
            try {
                if (instance instanceof Map<?, ?> m) {
                    size += m.size();
                } else if (instance != null && caches != null) {
                    size += caches.applyAsLong(instance);
                }
            } catch (RuntimeException | LinkageError e) {
                // a map or cache that cannot tell its size now: report what the others hold
            }
        }
        return size;
    }
}
