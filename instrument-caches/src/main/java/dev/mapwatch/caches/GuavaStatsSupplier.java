package dev.mapwatch.caches;

import com.google.common.base.Supplier;
import com.google.common.cache.AbstractCache.StatsCounter;
import dev.mapwatch.bootstrap.CacheCounters;
import org.jspecify.annotations.Nullable;

/**
 * What a hooked Guava builder gets in place of its statistics supplier: one counter per segment.
 *
 * @param counters     the site's counters
 * @param applications the supplier the application had set ({@code recordStats()}), or null
 */
record GuavaStatsSupplier(
        CacheCounters counters, @Nullable Supplier<? extends StatsCounter> applications)
        implements Supplier<StatsCounter> {

    @Override
    public StatsCounter get() {
        Supplier<? extends StatsCounter> own = applications;
        return new GuavaStatsCounter(counters, own == null ? null : own.get());
    }
}
