package dev.mapwatch.workload;

import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The maps compared by {@code mapwatch bench} and by the JMH {@code StrategyBenchmark} in
 * {@code bench/}: the five {@link Strategy strategies} and a plain {@link ConcurrentHashMap} as the
 * baseline nothing counts.
 */
public enum MapKind {
    /** A plain {@link ConcurrentHashMap}: no counting, the baseline. */
    RAW_CHM(null),
    CONCURRENT(Strategy.CONCURRENT),
    SYNC_MAP(Strategy.SYNC_MAP),
    LOCKED(Strategy.LOCKED),
    STRIPED(Strategy.STRIPED),
    SNAPSHOT(Strategy.SNAPSHOT);

    private final @Nullable Strategy strategy;

    MapKind(@Nullable Strategy strategy) {
        this.strategy = strategy;
    }

    /** A new, empty map of this kind; {@code recordStats} is ignored by {@link #RAW_CHM}. */
    public <K, V> ConcurrentMap<K, V> create(boolean recordStats) {
        if (strategy == null) {
            return new ConcurrentHashMap<>();
        }
        return MapWatch.builder("bench-" + name().toLowerCase(Locale.ROOT))
                .strategy(strategy)
                .recordStats(recordStats)
                .build();
    }
}
