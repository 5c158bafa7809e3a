package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapCounters;
import java.lang.ref.WeakReference;
import java.util.Map;

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

    @SuppressWarnings("unchecked")
    private final WeakReference<Object>[] seen = new WeakReference[TRACKED_MAPS];

    private int seenCount; // guarded by this

    /** False once {@link #TRACKED_MAPS} instances were seen: stop looking. Racy reads are harmless. */
    private boolean tracking = true;

    /** The instance seen last: a racy one-entry cache in front of {@link #track}. */
    private Object lastSeen;

    SiteCounters(String map, String strategy, Counting counting) {
        this.map = map;
        this.strategy = strategy;
        this.counters = MapCounters.create(counting);
    }

    /** Remembers {@code instance} for its size, cheaply when it is the one seen last. */
    void see(Object instance) {
        if (lastSeen != instance && tracking) {
            track(instance);
        }
    }

    /**
     * Whether {@link #see} has nothing to do for {@code instance}: it is the one seen last, or no
     * more are tracked. {@link SiteLink}'s test, which branches on it with its own site's profile.
     */
    boolean seen(Object instance) {
        return lastSeen == instance || !tracking;
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

    /** A snapshot; calls {@code size()} of the live instances seen (on the caller's thread). */
    SiteStats stats() {
        return new SiteStats(
                map,
                strategy,
                counters.counting().name(),
                counters.hits(),
                counters.misses(),
                counters.puts(),
                counters.removals(),
                size(),
                computeTimes.runs(),
                computeTimes.nanos(),
                computeTimes.maxNanos());
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
        for (Object instance : live) {
            if (instance instanceof Map<?, ?> m) {
                try {
                    size += m.size();
                } catch (RuntimeException e) {
                    // an application map that cannot tell its size now: report what the others hold
                }
            }
        }
        return size;
    }
}
