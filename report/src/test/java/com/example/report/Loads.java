package com.example.report;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's cache call in {@code ReportWorkload}'s recording, outside mapwatch's packages
 * (the attribution skips {@code dev.mapwatch} frames as mapwatch's own helpers): one {@code
 * computeIfAbsent} site whose mapping function runs {@code whileInLock} inside the bin's lock.
 */
public final class Loads {
    private Loads() {}

    /** {@code cache.computeIfAbsent(1, ...)}; the function, when it runs, runs {@code whileInLock} first. */
    public static Long load(ConcurrentHashMap<Integer, Long> cache, Runnable whileInLock) {
        return cache.computeIfAbsent(
                1,
                k -> {
                    whileInLock.run();
                    return 1L;
                });
    }
}
