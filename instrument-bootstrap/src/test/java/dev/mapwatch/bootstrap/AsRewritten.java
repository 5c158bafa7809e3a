package dev.mapwatch.bootstrap;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Each counted operation as the agent's rewriter emits it: the map's own call, then {@link
 * CallResults}; the calls with a function as {@link MapCalls} makes them (the rewriter's inlined
 * form is the same sequence, tested on rewritten classes in the instrument module).
 */
final class AsRewritten {

    private AsRewritten() {}

    static Object get(Map<Object, Object> map, Object key, int site) {
        return CallResults.get(map, map.get(key), site);
    }

    static Object getOrDefault(Map<Object, Object> map, Object key, Object defaultValue, int site) {
        return CallResults.getOrDefault(
                map, map.getOrDefault(key, defaultValue), defaultValue, site);
    }

    static boolean containsKey(Map<Object, Object> map, Object key, int site) {
        return CallResults.containsKey(map, map.containsKey(key), site);
    }

    static Object put(Map<Object, Object> map, Object key, Object value, int site) {
        return CallResults.put(map, map.put(key, value), site);
    }

    static Object putIfAbsent(Map<Object, Object> map, Object key, Object value, int site) {
        return CallResults.putIfAbsent(map, map.putIfAbsent(key, value), site);
    }

    static Object remove(Map<Object, Object> map, Object key, int site) {
        return CallResults.remove(map, map.remove(key), site);
    }

    static boolean remove(Map<Object, Object> map, Object key, Object value, int site) {
        return CallResults.remove(map, map.remove(key, value), site);
    }

    static Object replace(Map<Object, Object> map, Object key, Object value, int site) {
        return CallResults.replace(map, map.replace(key, value), site);
    }

    static boolean replace(
            Map<Object, Object> map, Object key, Object expected, Object value, int site) {
        return CallResults.replace(map, map.replace(key, expected, value), site);
    }

    static Object computeIfAbsent(
            Map<Object, Object> map, Object key, Function<Object, Object> f, int site) {
        return MapCalls.computeIfAbsent(map, key, f, site);
    }

    static Object computeIfPresent(
            Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site) {
        return MapCalls.computeIfPresent(map, key, f, site);
    }

    static Object compute(
            Map<Object, Object> map, Object key, BiFunction<Object, Object, Object> f, int site) {
        return MapCalls.compute(map, key, f, site);
    }

    static Object merge(
            Map<Object, Object> map,
            Object key,
            Object value,
            BiFunction<Object, Object, Object> f,
            int site) {
        return MapCalls.merge(map, key, value, f, site);
    }
}
