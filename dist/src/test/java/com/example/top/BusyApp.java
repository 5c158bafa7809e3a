package com.example.top;

import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A JVM with a known, paced map workload for {@code mapwatch top} (TopIT): every 10 ms, 200
 * lookups on the mapwatch map {@code top-busy} (3 hits then 1 miss, repeated: 20 000 lookups/s,
 * 75 % hits) and 100 lookups on the plain {@link ConcurrentHashMap} {@code BusyApp.CACHE} (the same
 * pattern: 10 000 lookups/s, 75 % hits), which {@code maps=com.example.top} counts (named by its call site, {@code BusyApp.lookups:<line>}, as it
 * reaches the lookups as a parameter). The pacing is
 * {@code scheduleAtFixedRate}: late ticks catch up, so the rate holds over seconds. Prints
 * {@code ready}; runs until killed.
 */
public final class BusyApp {

    static final Map<String, Integer> CACHE = new ConcurrentHashMap<>();
    static volatile Object sink;

    private BusyApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        WatchedMap<String, Integer> busy = MapWatch.newMap("top-busy", Strategy.CONCURRENT);
        busy.put("present", 1);
        CACHE.put("present", 1);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(() -> {
            lookups(busy, 200);
            lookups(CACHE, 100);
        }, 0, 10, TimeUnit.MILLISECONDS);
        System.out.println("ready");
        Thread.currentThread().join();
    }

    private static void lookups(Map<String, Integer> map, int count) {
        for (int i = 0; i < count; i++) {
            sink = map.get(i % 4 == 3 ? "absent" : "present");
        }
    }
}
