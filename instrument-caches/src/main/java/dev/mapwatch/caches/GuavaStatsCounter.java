package dev.mapwatch.caches;

import com.google.common.cache.AbstractCache.StatsCounter;
import com.google.common.cache.CacheStats;
import dev.mapwatch.bootstrap.CacheCounters;
import org.jspecify.annotations.Nullable;

/**
 * Counts what Guava reports of one cache segment into the site's {@link CacheCounters}, and
 * forwards it to the application's own counter when it has one; {@link #snapshot()} is the
 * application's, so {@code cache.stats()} says what it said before the agent came (zeros without
 * {@code recordStats()}).
 */
final class GuavaStatsCounter implements StatsCounter {

    private static final CacheStats NONE = new CacheStats(0, 0, 0, 0, 0, 0);

    private final CacheCounters counters;
    private final @Nullable StatsCounter applications;

    GuavaStatsCounter(CacheCounters counters, @Nullable StatsCounter applications) {
        this.counters = counters;
        this.applications = applications;
    }

    @Override
    public void recordHits(int count) {
        counters.recordHits(count);
        if (applications != null) {
            applications.recordHits(count);
        }
    }

    @Override
    public void recordMisses(int count) {
        counters.recordMisses(count);
        if (applications != null) {
            applications.recordMisses(count);
        }
    }

    @Override
    public void recordLoadSuccess(long loadTime) {
        counters.recordLoadSuccess(loadTime);
        if (applications != null) {
            applications.recordLoadSuccess(loadTime);
        }
    }

    @Override
    public void recordLoadException(long loadTime) {
        counters.recordLoadFailure(loadTime);
        if (applications != null) {
            applications.recordLoadException(loadTime);
        }
    }

    @Override
    public void recordEviction() {
        counters.recordEviction();
        if (applications != null) {
            applications.recordEviction();
        }
    }

    @Override
    public CacheStats snapshot() {
        return applications == null ? NONE : applications.snapshot();
    }
}
