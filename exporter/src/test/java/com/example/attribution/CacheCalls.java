package com.example.attribution;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Application code outside {@code dev.mapwatch} (whose frames attribution skips as mapwatch's own)
 * that calls a map: the call sites of {@code MapAttributionRecordingTest}.
 */
public final class CacheCalls {

    private CacheCalls() {}

    public static Long load(ConcurrentHashMap<String, Long> cache, Supplier<Long> slow) {
        return cache.computeIfAbsent("key", k -> slow.get());
    }

    public static Long count(ConcurrentHashMap<String, Long> counts, Supplier<Long> slow) {
        return counts.merge("key", 1L, (a, b) -> slow.get());
    }
}
