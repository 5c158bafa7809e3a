package dev.mapwatch.instrument;

import java.util.Map;

/**
 * A class with counted calls of each shape (a result counted, a function wrapped), rewritten once
 * at install to load the transformer's classes before any application class loads.
 */
final class WarmUp {

    private WarmUp() {}

    static Object lookup(Map<Object, Object> map, Object key) {
        return map.get(key);
    }

    static Object load(Map<Object, Object> map, Object key) {
        return map.computeIfAbsent(key, k -> k);
    }

    static Object add(Map<Object, Object> map, Object key) {
        return map.merge(key, key, (a, b) -> a);
    }
}
