package dev.mapwatch.caches;

import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.mapwatch.bootstrap.CacheCounters;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a hooked Caffeine builder gets in place of its statistics supplier: one counter per cache.
 *
 * @param counters     the site's counters
 * @param applications the supplier the application had set ({@code recordStats()}), or null
 */
record CaffeineStatsSupplier(CacheCounters counters, @Nullable Supplier<StatsCounter> applications)
        implements Supplier<StatsCounter> {

    @Override
    public StatsCounter get() {
        Supplier<StatsCounter> own = applications;
        return new CaffeineStatsCounter(counters, own == null ? null : own.get());
    }
}
