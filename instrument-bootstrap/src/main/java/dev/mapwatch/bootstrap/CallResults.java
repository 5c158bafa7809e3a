package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;
import java.util.Map;

/**
 * Counts what a rewritten map call returned. The agent keeps the application's own call ({@code
 * map.get(key)}) where it was, so that the call site keeps its own type profile and the JIT
 * inlines the map's method there as before, and then counts its result. In class files of Java 7
 * and later that is an {@code invokedynamic} per site, which {@link SiteLink} binds to this
 * class's counting methods and the site's own counters; here are the shared helpers by the id of
 * the site's {@linkplain MapSites#register name}, {@code CallResults.get(map, map.get(key), id)},
 * which older class files call and a site that relinked too often falls back to. Each returns the
 * result it was given and only counts, when the receiver is a concurrent map (and not a mapwatch
 * map, which counts itself).
 *
 * <p>What is counted has the meaning of the maps library's {@code MapStats}: {@code get}, {@code
 * getOrDefault} and {@code containsKey} are lookups (hit or miss), as is the lookup inside {@code
 * putIfAbsent}; puts are entries written; removals entries removed. {@code getOrDefault} returning
 * the default object itself counts as a miss. The calls that take a function are counted by
 * {@link MapFunctions}.
 *
 * <p>Cost (bench/RESULTS.md section 6, {@code CallSiteBenchmark}, 2 threads, per CPU time): linked
 * per site, the {@code MapCounters} increment and an identity compare (for {@code size}); the class
 * test folds away after the site's own call. An exactly counted {@code get} keeps about 0.5 of the
 * plain call's throughput ({@code SAMPLED} 0.8, {@code OFF} 0.87), and 0.92 to 1.09 of that in a
 * JVM whose other sites use four other map classes. The shared path here adds the binding's load
 * by id and a class compare, and its slow paths are one branch profile for every site: 0.74 to
 * 0.94 of the clean figure in such a JVM. A receiver that is not counted costs the class test.
 */
public final class CallResults {

    private CallResults() {}

    /** The counters for {@code map} at site {@code id}, or null when it is not counted. */
    static MapCounters counters(Object map, int id) {
        Binding binding = MapSites.binding(id, map.getClass());
        MapCounters ops = binding.ops();
        if (ops != null) {
            binding.counters().see(map);
        }
        return ops;
    }

    /** {@code map.get(key)} returned {@code value}: a hit or a miss. */
    public static Object get(Map<?, ?> map, Object value, int site) {
        MapCounters c = counters(map, site);
        return c == null ? value : get(c, value);
    }

    /** {@code map.getOrDefault(key, defaultValue)} returned {@code value}: a miss when it is the default itself. */
    public static Object getOrDefault(Map<?, ?> map, Object value, Object defaultValue, int site) {
        MapCounters c = counters(map, site);
        return c == null ? value : getOrDefault(c, value, defaultValue);
    }

    /** {@code map.containsKey(key)} returned {@code present}: a hit or a miss. */
    public static boolean containsKey(Map<?, ?> map, boolean present, int site) {
        MapCounters c = counters(map, site);
        return c == null ? present : containsKey(c, present);
    }

    /** {@code map.put(key, value)} returned {@code old}: a put. */
    public static Object put(Map<?, ?> map, Object old, int site) {
        MapCounters c = counters(map, site);
        return c == null ? old : put(c, old);
    }

    /** {@code map.putIfAbsent(key, value)} returned {@code present}: a hit, or a miss and a put. */
    public static Object putIfAbsent(Map<?, ?> map, Object present, int site) {
        MapCounters c = counters(map, site);
        return c == null ? present : putIfAbsent(c, present);
    }

    /** {@code map.remove(key)} returned {@code old}: a removal when it is not null. */
    public static Object remove(Map<?, ?> map, Object old, int site) {
        MapCounters c = counters(map, site);
        return c == null ? old : remove(c, old);
    }

    /** {@code map.remove(key, value)} returned {@code removed}: a removal when true. */
    public static boolean remove(Map<?, ?> map, boolean removed, int site) {
        MapCounters c = counters(map, site);
        return c == null ? removed : remove(c, removed);
    }

    /** {@code map.replace(key, value)} returned {@code old}: a put when the key was present. */
    public static Object replace(Map<?, ?> map, Object old, int site) {
        MapCounters c = counters(map, site);
        return c == null ? old : replace(c, old);
    }

    /** {@code map.replace(key, expected, value)} returned {@code replaced}: a put when true. */
    public static boolean replace(Map<?, ?> map, boolean replaced, int site) {
        MapCounters c = counters(map, site);
        return c == null ? replaced : replace(c, replaced);
    }

    // What each operation counts into counters known to count it: the methods above, after their
    // site's binding, and the targets {@link SiteLink} binds to one site's counters.

    static Object get(MapCounters c, Object value) {
        c.recordLookup(value != null);
        return value;
    }

    static Object getOrDefault(MapCounters c, Object value, Object defaultValue) {
        c.recordLookup(value != defaultValue);
        return value;
    }

    static boolean containsKey(MapCounters c, boolean present) {
        c.recordLookup(present);
        return present;
    }

    static Object put(MapCounters c, Object old) {
        c.recordPut();
        return old;
    }

    static Object putIfAbsent(MapCounters c, Object present) {
        c.recordLookup(present != null);
        if (present == null) {
            c.recordPut();
        }
        return present;
    }

    static Object remove(MapCounters c, Object old) {
        if (old != null) {
            c.recordRemovals(1);
        }
        return old;
    }

    static boolean remove(MapCounters c, boolean removed) {
        if (removed) {
            c.recordRemovals(1);
        }
        return removed;
    }

    static Object replace(MapCounters c, Object old) {
        if (old != null) {
            c.recordPut();
        }
        return old;
    }

    static boolean replace(MapCounters c, boolean replaced) {
        if (replaced) {
            c.recordPut();
        }
        return replaced;
    }
}
