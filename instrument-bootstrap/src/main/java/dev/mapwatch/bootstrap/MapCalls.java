package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What rewritten call sites call instead of the map's own method: the same method on the same
 * receiver, then one count on the counters of the site's name if the receiver is a concurrent map
 * (and not a mapwatch map, which counts itself). The agent turns {@code map.get(key)} into {@code
 * MapCalls.get(map, key, id)}: the same operands plus the id of the site's {@linkplain
 * MapSites#register name}, so the rewritten method needs no new stack map frames.
 *
 * <p>What is counted has the meaning of the maps library's {@code MapStats}: {@code get}, {@code
 * getOrDefault} and {@code containsKey} are lookups (hit or miss), as is the lookup inside {@code
 * putIfAbsent} and {@code computeIfAbsent}; puts are entries written; removals entries removed.
 * {@code getOrDefault} returning the default object itself counts as a miss.
 *
 * <p>Behaviour is the receiver's: each helper calls the receiver's method exactly once, with the
 * same arguments (for {@code compute*} and {@code merge}, the caller's function wrapped in one that
 * notes what it saw), and returns or throws what it returned or threw. A receiver that is not
 * counted costs a class compare.
 *
 * <p>Cost (bench/RESULTS.md section 6, {@code CallSiteBenchmark}, 2 threads, per CPU time): a
 * counted {@code get} adds to the map's own {@code get} the binding's load by id, a class compare,
 * an identity compare (for {@code size}) and the {@code MapCounters} increment; on a 1 024-key
 * {@code ConcurrentHashMap} it keeps 0.43 to 0.60 of the plain call's throughput, 0.76 to 0.96 of
 * a counted mapwatch map's. {@code compute*} and {@code merge} also allocate their small wrapper.
 */
public final class MapCalls {

    private MapCalls() {
    }

    /** The counters for {@code map} at site {@code id}, or null when it is not counted. */
    private static MapCounters counters(Object map, int id) {
        Binding binding = MapSites.binding(id, map.getClass());
        MapCounters ops = binding.ops();
        if (ops != null) {
            binding.counters().see(map);
        }
        return ops;
    }

    /** Counts a lookup of {@code map} at site {@code site}, when that map is counted. */
    private static void countLookup(Object map, int site, boolean hit) {
        MapCounters c = counters(map, site);
        if (c != null) {
            c.recordLookup(hit);
        }
    }

    /** Counts an entry written into {@code map} at site {@code site}, when that map is counted. */
    private static void countPut(Object map, int site) {
        MapCounters c = counters(map, site);
        if (c != null) {
            c.recordPut();
        }
    }

    /** {@code map.get(key)}, counted as a hit or a miss. */
    public static Object get(Map<Object, Object> map, Object key, int site) {
        Object value = map.get(key);
        countLookup(map, site, value != null);
        return value;
    }

    /** {@code map.getOrDefault(key, defaultValue)}, counted as a hit or a miss. */
    public static Object getOrDefault(Map<Object, Object> map, Object key, Object defaultValue, int site) {
        Object value = map.getOrDefault(key, defaultValue);
        countLookup(map, site, value != defaultValue);
        return value;
    }

    /** {@code map.containsKey(key)}, counted as a hit or a miss. */
    public static boolean containsKey(Map<Object, Object> map, Object key, int site) {
        boolean present = map.containsKey(key);
        countLookup(map, site, present);
        return present;
    }

    /** {@code map.put(key, value)}, counted as a put. */
    public static Object put(Map<Object, Object> map, Object key, Object value, int site) {
        Object old = map.put(key, value);
        countPut(map, site);
        return old;
    }

    /** {@code map.putIfAbsent(key, value)}: a hit when present, else a miss and a put. */
    public static Object putIfAbsent(Map<Object, Object> map, Object key, Object value, int site) {
        Object present = map.putIfAbsent(key, value);
        MapCounters c = counters(map, site);
        if (c != null) {
            c.recordLookup(present != null);
            if (present == null) {
                c.recordPut();
            }
        }
        return present;
    }

    /** {@code map.remove(key)}, a removal when something was removed. */
    public static Object remove(Map<Object, Object> map, Object key, int site) {
        Object old = map.remove(key);
        MapCounters c = counters(map, site);
        if (c != null && old != null) {
            c.recordRemovals(1);
        }
        return old;
    }

    /** {@code map.remove(key, value)}, a removal when it removed. */
    public static boolean remove(Map<Object, Object> map, Object key, Object value, int site) {
        boolean removed = map.remove(key, value);
        MapCounters c = counters(map, site);
        if (c != null && removed) {
            c.recordRemovals(1);
        }
        return removed;
    }

    /** {@code map.replace(key, value)}, a put when the key was present. */
    public static Object replace(Map<Object, Object> map, Object key, Object value, int site) {
        Object old = map.replace(key, value);
        MapCounters c = counters(map, site);
        if (c != null && old != null) {
            c.recordPut();
        }
        return old;
    }

    /** {@code map.replace(key, expected, value)}, a put when it replaced. */
    public static boolean replace(Map<Object, Object> map, Object key, Object expected, Object value, int site) {
        boolean replaced = map.replace(key, expected, value);
        MapCounters c = counters(map, site);
        if (c != null && replaced) {
            c.recordPut();
        }
        return replaced;
    }

    /**
     * {@code map.computeIfAbsent(key, f)}: a hit when {@code f} was not called, else a miss, and a
     * put when {@code f}'s value was stored.
     */
    public static Object computeIfAbsent(Map<Object, Object> map, Object key, Function<Object, Object> f, int site) {
        MapCounters c = counters(map, site);
        if (c == null || f == null) {
            return map.computeIfAbsent(key, f);
        }
        Loading loading = new Loading(f);
        Object result = map.computeIfAbsent(key, loading);
        c.recordLookup(!loading.called);
        if (loading.called && result != null && result == loading.value) {
            c.recordPut();
        }
        return result;
    }

    /** {@code map.computeIfPresent(key, f)}: a put or a removal, as {@code f} decided. */
    public static Object computeIfPresent(Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f,
            int site) {
        return remap(map, key, f, site, true);
    }

    /** {@code map.compute(key, f)}: a put or a removal, as {@code f} decided. */
    public static Object compute(Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site) {
        return remap(map, key, f, site, false);
    }

    /**
     * {@code computeIfPresent} when {@code ifPresent}, else {@code compute}, counted as {@code f}
     * decided. Each helper passes a constant, which the JIT folds where it inlines this method.
     */
    private static Object remap(Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site,
            boolean ifPresent) {
        MapCounters c = counters(map, site);
        if (c == null || f == null) {
            return ifPresent ? map.computeIfPresent(key, f) : map.compute(key, f);
        }
        Remapping remapping = Remapping.compute(f);
        Object result = ifPresent ? map.computeIfPresent(key, remapping) : map.compute(key, remapping);
        transition(c, remapping.called, remapping.old, result);
        return result;
    }

    /** {@code map.merge(key, value, f)}: a put when the value changed, a removal when {@code f} removed. */
    public static Object merge(Map<Object, Object> map, Object key, Object value,
            BiFunction<Object, Object, Object> f, int site) {
        MapCounters c = counters(map, site);
        if (c == null || f == null) {
            return map.merge(key, value, f);
        }
        Remapping merging = Remapping.merge(f);
        Object result = map.merge(key, value, merging);
        transition(c, merging.called, merging.old, result);
        return result;
    }

    /** A put when the entry now holds another value than the remapping saw, a removal when it went. */
    private static void transition(MapCounters c, boolean called, Object old, Object now) {
        if (now != null) {
            if (!called || now != old) {
                c.recordPut();
            }
        } else if (called && old != null) {
            c.recordRemovals(1);
        }
    }

    /** The caller's loader, noting whether it ran and what it returned (its last run counts). */
    private static final class Loading implements Function<Object, Object> {
        private final Function<Object, Object> f;
        boolean called;
        Object value;

        Loading(Function<Object, Object> f) {
            this.f = f;
        }

        @Override
        public Object apply(Object key) {
            called = true;
            value = f.apply(key);
            return value;
        }
    }

    /**
     * The caller's remapping function, noting whether it ran and the old value it last saw: the
     * second argument of a {@code compute} function {@code (key, old)}, the first of a {@code merge}
     * function {@code (old, given)}.
     */
    private static final class Remapping implements BiFunction<Object, Object, Object> {
        private final BiFunction<Object, Object, Object> f;
        private final boolean merge;
        boolean called;
        Object old;

        private Remapping(BiFunction<Object, Object, Object> f, boolean merge) {
            this.f = f;
            this.merge = merge;
        }

        static Remapping compute(BiFunction<Object, Object, Object> f) {
            return new Remapping(f, false);
        }

        static Remapping merge(BiFunction<Object, Object, Object> f) {
            return new Remapping(f, true);
        }

        @Override
        public Object apply(Object first, Object second) {
            called = true;
            old = merge ? first : second;
            return f.apply(first, second);
        }
    }
}
