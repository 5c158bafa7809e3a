package dev.mapwatch.exporter.maps;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What caches do beyond lookups, for the caches the agent counts (Caffeine, Guava, Spring's cache
 * abstraction), as the cache library's own statistics would say: {@code
 * mapwatch_map_loads_total{map,strategy,result=success|failure}}, {@code
 * mapwatch_map_load_seconds{map,strategy}} (a summary: {@code _count} every load, {@code _sum}
 * their time) and {@code mapwatch_map_evictions_total{map,strategy}}. Their lookups and size are
 * in the map families ({@link BoundedMapMeters}). Bounded to the caches with the most loads and
 * evictions, the rest in {@code map="other"}; a map that never loaded nor evicted has no series,
 * so maps have none. Thread-safe.
 */
public final class MapCacheMeters {

    /** The families' names in Micrometer's form. */
    public static final String LOADS = "mapwatch.map.loads";

    public static final String LOAD_TIME = "mapwatch.map.load";
    public static final String EVICTIONS = "mapwatch.map.evictions";

    private static final int SUCCESSES = 0;
    private static final int FAILURES = 1;
    private static final int NANOS = 2;
    private static final int EVICTED = 3;

    private final CumulativeMapSeries series;

    private MapCacheMeters(MeterRegistry registry, int maxMaps) {
        this.series =
                new CumulativeMapSeries(
                        registry,
                        maxMaps,
                        4,
                        d -> d[SUCCESSES] + d[FAILURES] + d[EVICTED],
                        MapCacheMeters::register);
    }

    /** At most {@code maxMaps} caches with their own series. */
    public static MapCacheMeters create(MeterRegistry registry, int maxMaps) {
        return new MapCacheMeters(registry, maxMaps);
    }

    /**
     * Records what the cache(s) named {@code map} of kind {@code strategy} did since they were first
     * counted. Figures lower than the last ones mean a new cache under an old name: it counts from
     * zero again.
     */
    public void record(
            String map,
            String strategy,
            long loadSuccesses,
            long loadFailures,
            long loadNanos,
            long evictions) {
        series.record(
                map, strategy, new long[] {loadSuccesses, loadFailures, loadNanos, evictions}, 0);
    }

    /** The cache(s) named {@code map} of kind {@code strategy} are no longer counted under that name. */
    public void forget(String map, String strategy) {
        series.forget(map, strategy);
    }

    private static List<Meter> register(
            MeterRegistry registry, CumulativeMapSeries.Series s, String map, String strategy) {
        return List.of(
                FunctionCounter.builder(LOADS, s, x -> x.total(SUCCESSES))
                        .tags("map", map, "strategy", strategy, "result", "success")
                        .description("Loads of the cache's values that returned one")
                        .register(registry),
                FunctionCounter.builder(LOADS, s, x -> x.total(FAILURES))
                        .tags("map", map, "strategy", strategy, "result", "failure")
                        .description("Loads of the cache's values that threw or returned null")
                        .register(registry),
                FunctionTimer.builder(
                                LOAD_TIME,
                                s,
                                x -> x.total(SUCCESSES) + x.total(FAILURES),
                                x -> x.total(NANOS),
                                TimeUnit.NANOSECONDS)
                        .tags("map", map, "strategy", strategy)
                        .description("Loads of the cache's values and the time they took")
                        .register(registry),
                FunctionCounter.builder(EVICTIONS, s, x -> x.total(EVICTED))
                        .tags("map", map, "strategy", strategy)
                        .description(
                                "Entries the cache evicted for size, weight or expiry (not invalidations)")
                        .register(registry));
    }
}
