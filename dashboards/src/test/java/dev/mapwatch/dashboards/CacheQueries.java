package dev.mapwatch.dashboards;

import java.util.List;

/**
 * Which queries read caches (Caffeine, Guava, Spring's cache abstraction): the cache-only families
 * ({@code mapwatch_map_loads_total}, {@code _load_seconds}, {@code _evictions_total}), the caches'
 * {@code strategy} values, or the cache recording rules ({@code *:mapwatch_cache_*}). A target needs a
 * cache for them to have data, which {@code mapwatch demo} has not (its jar holds no cache library).
 */
final class CacheQueries {

    /** The {@code strategy} matcher of the dashboards' cache panels (docs/metrics.md, "Caches"). */
    static final String STRATEGIES = "strategy=~\"Caffeine|GuavaCache|SpringCache\"";

    private static final List<String> MARKERS =
            List.of(
                    STRATEGIES,
                    ":mapwatch_cache_",
                    "mapwatch_map_loads_total",
                    "mapwatch_map_load_seconds",
                    "mapwatch_map_evictions_total");

    private CacheQueries() {}

    /** Whether {@code query} (a dashboard query or a rule's expression) reads caches only. */
    static boolean readsCaches(String query) {
        return MARKERS.stream().anyMatch(query::contains);
    }
}
