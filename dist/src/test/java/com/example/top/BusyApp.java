package com.example.top;

import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import java.util.ArrayList;
import java.util.List;
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
 * {@code scheduleAtFixedRate}: late ticks catch up, so the rate holds over seconds.
 *
 * <p>With the argument {@code crowded} (TopTerminalIT), also: {@value #CONTENDERS} threads that
 * {@code compute} one key of the {@code LOCKED} map {@code top-locked} without a pause, each
 * mapping function sleeping {@value #HOLD_MILLIS} ms under the map's write lock, so the others
 * wait that long or longer (above the agent's default 10 ms threshold) all the time; and
 * {@value #EXTRA_MAPS} maps {@code top-extra-NN} with one lookup per tick each, more maps than an
 * 80x24 screen shows. Prints {@code ready}; runs until killed.
 */
public final class BusyApp {

    static final int CONTENDERS = 3;
    static final long HOLD_MILLIS = 20;
    static final int EXTRA_MAPS = 20;
    static final Map<String, Integer> CACHE = new ConcurrentHashMap<>();
    static volatile Object sink;

    private BusyApp() {}

    public static void main(String[] args) throws InterruptedException {
        WatchedMap<String, Integer> busy = MapWatch.newMap("top-busy", Strategy.CONCURRENT);
        busy.put("present", 1);
        CACHE.put("present", 1);
        List<Map<String, Integer>> extra = new ArrayList<>();
        if (List.of(args).contains("crowded")) {
            contend(MapWatch.newMap("top-locked", Strategy.LOCKED));
            for (int i = 0; i < EXTRA_MAPS; i++) {
                WatchedMap<String, Integer> map =
                        MapWatch.newMap(String.format("top-extra-%02d", i), Strategy.CONCURRENT);
                map.put("present", i);
                extra.add(map);
            }
        }
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(
                () -> {
                    lookups(busy, 200);
                    lookups(CACHE, 100);
                    extra.forEach(map -> lookups(map, 1));
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        System.out.println("ready");
        Thread.currentThread().join();
    }

    private static void contend(Map<String, Integer> locked) {
        for (int t = 0; t < CONTENDERS; t++) {
            Thread contender =
                    new Thread(
                            () -> {
                                while (true) {
                                    locked.compute(
                                            "held",
                                            (k, v) -> {
                                                hold();
                                                return v == null ? 1 : v + 1;
                                            });
                                }
                            },
                            "contender-" + t);
            contender.setDaemon(true);
            contender.start();
        }
    }

    private static void hold() {
        try {
            Thread.sleep(
                    HOLD_MILLIS); // the work done under the map's lock, which the others wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void lookups(Map<String, Integer> map, int count) {
        for (int i = 0; i < count; i++) {
            sink = map.get(i % 4 == 3 ? "absent" : "present");
        }
    }
}
