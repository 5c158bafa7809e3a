package dev.mapwatch.bootstrap;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Whole map calls with a function, for the places where the agent cannot keep the application's
 * call at its site with an exception handler of its own around it ({@link MapFunctions}): a
 * constructor, whose handler frames would have to track the uninitialised {@code this}, and a call
 * inside handlers that expect different locals (nested {@code try} blocks with locals of their
 * own), for which a frame fitting them all would need the class hierarchy. Each
 * helper makes the receiver's call once, with the same arguments and the function wrapped as
 * {@link MapFunctions} wraps it, and returns or throws what it returned or threw. The rewritten
 * site then shares this method's type profile with every other constructor's, which costs a
 * virtual call where several map classes meet (bench/RESULTS.md section 6); such places are
 * rarely where a map is hot.
 */
public final class MapCalls {

    private MapCalls() {}

    /** {@code map.computeIfAbsent(key, f)}, counted. */
    public static Object computeIfAbsent(
            Map<Object, Object> map, Object key, Function<Object, Object> f, int site) {
        Function<Object, Object> loader = MapFunctions.loader(map, f, site);
        Object result;
        try {
            result = map.computeIfAbsent(key, loader);
        } catch (Throwable t) {
            MapFunctions.abandon(loader);
            throw t;
        }
        return MapFunctions.loaded(result, loader);
    }

    /** {@code map.computeIfPresent(key, f)}, counted. */
    public static Object computeIfPresent(
            Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site) {
        BiFunction<Object, Object, Object> remapper = MapFunctions.remapper(map, f, site);
        Object result;
        try {
            result = map.computeIfPresent(key, remapper);
        } catch (Throwable t) {
            MapFunctions.abandon(remapper);
            throw t;
        }
        return MapFunctions.remapped(result, remapper);
    }

    /** {@code map.compute(key, f)}, counted. */
    public static Object compute(
            Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site) {
        BiFunction<Object, Object, Object> remapper = MapFunctions.remapper(map, f, site);
        Object result;
        try {
            result = map.compute(key, remapper);
        } catch (Throwable t) {
            MapFunctions.abandon(remapper);
            throw t;
        }
        return MapFunctions.remapped(result, remapper);
    }

    /** {@code map.merge(key, value, f)}, counted. */
    public static Object merge(
            Map<Object, Object> map,
            Object key,
            Object value,
            BiFunction<Object, Object, Object> f,
            int site) {
        BiFunction<Object, Object, Object> merger = MapFunctions.merger(map, f, site);
        Object result;
        try {
            result = map.merge(key, value, merger);
        } catch (Throwable t) {
            MapFunctions.abandon(merger);
            throw t;
        }
        return MapFunctions.remapped(result, merger);
    }
}
