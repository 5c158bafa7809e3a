package dev.mapwatch.caches;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.mapwatch.bootstrap.CacheCounters;
import org.jspecify.annotations.Nullable;

/**
 * Counts what Caffeine reports of one cache into the site's {@link CacheCounters}, and forwards it
 * to the application's own counter when it has one; {@link #snapshot()} is the application's, so
 * {@code cache.stats()} says what it said before the agent came (empty without {@code
 * recordStats()}).
 *
 * <p>Caffeine 3 calls {@code recordEviction(int, RemovalCause)}; 2.x before 2.8 called {@code
 * recordEviction()} or {@code recordEviction(int)}, which are kept for it (compiled against 2.x,
 * where all three exist). Each call is one eviction.
 */
final class CaffeineStatsCounter implements StatsCounter {

    private final CacheCounters counters;
    private final @Nullable StatsCounter applications;

    CaffeineStatsCounter(CacheCounters counters, @Nullable StatsCounter applications) {
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
    public void recordLoadFailure(long loadTime) {
        counters.recordLoadFailure(loadTime);
        if (applications != null) {
            applications.recordLoadFailure(loadTime);
        }
    }

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
        counters.recordEviction();
        if (applications != null) {
            applications.recordEviction(weight, cause);
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void recordEviction() {
        counters.recordEviction();
        if (applications != null) {
            applications.recordEviction();
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void recordEviction(int weight) {
        counters.recordEviction();
        if (applications != null) {
            applications.recordEviction(weight);
        }
    }

    @Override
    public CacheStats snapshot() {
        return applications == null ? CacheStats.empty() : applications.snapshot();
    }
}
