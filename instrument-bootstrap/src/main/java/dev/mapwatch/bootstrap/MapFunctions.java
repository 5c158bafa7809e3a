package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.Counting;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Counts the map calls that take a function ({@code computeIfAbsent}, {@code compute}, {@code
 * computeIfPresent}, {@code merge}) while the application's own call stays at its site, so the
 * site keeps its own type profile. The agent turns {@code map.merge(key, value, f)} into
 *
 * <pre>{@code
 * BiFunction w = MapFunctions.merger(map, f, id);   // f itself when map is not counted
 * try {
 *     result = MapFunctions.remapped(map.merge(key, value, w), w);
 * } catch (Throwable t) {
 *     MapFunctions.abandon(w);
 *     throw t;
 * }
 * }</pre>
 *
 * <p>Counted as before: {@code computeIfAbsent} is a hit when its loader did not run, else a miss,
 * and a put when the loader's value was stored; the others a put when the entry now holds another
 * value than the function saw, a removal when it went. Every run of the function is counted, and
 * timed as {@link ComputeTimes} decides, into {@code mapwatch_map_compute_seconds}. An exception
 * thrown by the map or the function reaches the caller unchanged and counts nothing but the
 * function's run.
 *
 * <p>Cost (bench/RESULTS.md section 6): for the JDK's maps the wrapper comes from a per-thread pool
 * (a thread-local read), so a counted call allocates nothing; a timed run adds two {@code
 * System.nanoTime()} reads (about 60 ns on a KVM guest). Under {@code mapsCounting=off} the
 * function is not wrapped.
 */
public final class MapFunctions {

    private MapFunctions() {}

    private static SiteCounters counted(Map<?, ?> map, Object f, int site) {
        if (map == null || f == null) {
            return null; // the map call throws as it would have
        }
        Binding binding = MapSites.binding(site, map.getClass());
        SiteCounters counters = binding.counters();
        if (counters == null) {
            return null;
        }
        counters.see(map); // sizes are structural: tracked in every mode, OFF included
        return counters.counters.counting() == Counting.OFF ? null : counters;
    }

    /** The loader to give {@code map.computeIfAbsent}: {@code f} wrapped when {@code map} is counted, else {@code f}. */
    public static Function<Object, Object> loader(
            Map<?, ?> map, Function<Object, Object> f, int site) {
        SiteCounters counters = counted(map, f, site);
        if (counters == null) {
            return f;
        }
        FunctionPool thread = FunctionPool.current();
        Loading loading =
                Binding.reusesFunctions(map.getClass()) ? thread.loading() : new Loading(null);
        return loading.arm(counters, f, thread);
    }

    /** The function to give {@code map.compute} or {@code map.computeIfPresent}. */
    public static BiFunction<Object, Object, Object> remapper(
            Map<?, ?> map, BiFunction<Object, Object, Object> f, int site) {
        return remapping(map, f, site, false);
    }

    /** The function to give {@code map.merge}. */
    public static BiFunction<Object, Object, Object> merger(
            Map<?, ?> map, BiFunction<Object, Object, Object> f, int site) {
        return remapping(map, f, site, true);
    }

    private static BiFunction<Object, Object, Object> remapping(
            Map<?, ?> map, BiFunction<Object, Object, Object> f, int site, boolean merge) {
        SiteCounters counters = counted(map, f, site);
        if (counters == null) {
            return f;
        }
        FunctionPool thread = FunctionPool.current();
        Remapping remapping =
                Binding.reusesFunctions(map.getClass()) ? thread.remapping() : new Remapping(null);
        return remapping.arm(counters, f, merge, thread);
    }

    /** {@code computeIfAbsent} returned {@code result} with {@code loader} ({@link #loader}'s): counts it. */
    public static Object loaded(Object result, Object loader) {
        return loader instanceof Loading loading ? loading.complete(result) : result;
    }

    /** {@code compute}, {@code computeIfPresent} or {@code merge} returned {@code result} with {@code function}. */
    public static Object remapped(Object result, Object function) {
        return function instanceof Remapping remapping ? remapping.complete(result) : result;
    }

    /** The map call with {@code function} threw: releases the wrapper, counts nothing. */
    public static void abandon(Object function) {
        if (function instanceof CountingFunction wrapper) {
            wrapper.release();
        }
    }
}
