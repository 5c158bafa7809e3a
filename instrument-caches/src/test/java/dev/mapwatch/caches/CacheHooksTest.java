package dev.mapwatch.caches;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.cache.CacheBuilder;
import dev.mapwatch.bootstrap.CacheBuilds;
import dev.mapwatch.bootstrap.CacheFigures;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hooks as the rewritten build sites call them ({@code CacheBuilds.building} before the build,
 * {@code built} after), here with the hook classes and the libraries in one class loader: a hooked
 * cache counts what its library's own statistics say, keeps the application's own statistics when
 * it asked for them, and is counted once when its builder is built again elsewhere.
 */
class CacheHooksTest {

    private static final List<String> NOTES = new ArrayList<>();

    @BeforeAll
    static void install() {
        CacheBuilds.install(Map.of(), NOTES::add);
    }

    @Test
    void aHookedCaffeineCacheCountsWhatRecordStatsWouldAndKeepsTheApplicationsOwn() {
        int site = MapSites.register("test.caffeine");
        Caffeine<Object, Object> builder =
                Caffeine.newBuilder().maximumSize(2).executor(Runnable::run).recordStats();
        CacheBuilds.building(builder, site);
        Cache<Integer, String> cache = builder.build();
        CacheBuilds.built(cache, site);
        cache.get(1, k -> "a"); // miss, load
        cache.get(1, k -> "b"); // hit
        cache.getIfPresent(9); // miss
        try {
            cache.get(5, k -> null); // miss, failed load
        } finally {
            cache.put(2, "c");
            cache.put(3, "d"); // one over the maximum
            cache.cleanUp();
        }
        SiteStats stats = stats("test.caffeine", "Caffeine");
        var own = cache.stats();
        assertThat(own.hitCount()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(own.hitCount());
        assertThat(stats.misses()).isEqualTo(own.missCount()).isEqualTo(3);
        assertThat(stats.cache().loadSuccesses()).isEqualTo(own.loadSuccessCount()).isEqualTo(1);
        assertThat(stats.cache().loadFailures()).isEqualTo(own.loadFailureCount()).isEqualTo(1);
        assertThat(stats.cache().evictions()).isEqualTo(own.evictionCount()).isEqualTo(1);
        assertThat(stats.size()).isEqualTo(cache.estimatedSize()).isEqualTo(2);
        assertThat(NOTES).noneMatch(note -> note.contains("caffeine"));
    }

    @Test
    void withoutRecordStatsTheApplicationsOwnStatsStayEmpty() {
        int site = MapSites.register("test.caffeine.plain");
        Caffeine<Object, Object> builder = Caffeine.newBuilder();
        CacheBuilds.building(builder, site);
        Cache<Integer, String> cache = builder.build();
        cache.getIfPresent(1);
        assertThat(cache.stats().requestCount()).isZero();
        assertThat(stats("test.caffeine.plain", "Caffeine").misses()).isEqualTo(1);
    }

    @Test
    void aBuilderBuiltAtTwoSitesCountsEachCacheOnceAtItsOwnSite() {
        int first = MapSites.register("test.guava.first");
        int second = MapSites.register("test.guava.second");
        CacheBuilder<Object, Object> builder = CacheBuilder.newBuilder().recordStats();
        CacheBuilds.building(builder, first);
        com.google.common.cache.Cache<Integer, String> a = builder.build();
        CacheBuilds.building(builder, second);
        com.google.common.cache.Cache<Integer, String> b = builder.build();
        a.getIfPresent(1);
        b.getIfPresent(1);
        b.getIfPresent(2);
        assertThat(stats("test.guava.first", "GuavaCache").misses()).isEqualTo(1);
        assertThat(stats("test.guava.second", "GuavaCache").misses()).isEqualTo(2);
        assertThat(a.stats().missCount()).isEqualTo(1);
        assertThat(b.stats().missCount()).isEqualTo(2);
    }

    @Test
    void anObjectThatIsNoKnownBuilderIsLeftAloneWithOneNote() {
        int site = MapSites.register("test.unknown");
        Object notABuilder = new java.util.ArrayList<String>();
        CacheBuilds.building(notABuilder, site);
        CacheBuilds.building(notABuilder, site);
        assertThat(NOTES).hasSize(1);
        assertThat(NOTES.get(0)).startsWith("caches built with java.util.ArrayList from ");
        assertThat(CacheBuilds.unsupported()).isGreaterThanOrEqualTo(2);
    }

    private static SiteStats stats(String map, String strategy) {
        return MapSites.snapshot().stream()
                .filter(s -> s.map().equals(map) && s.strategy().equals(strategy))
                .findFirst()
                .orElseGet(
                        () ->
                                new SiteStats(
                                        map,
                                        strategy,
                                        "EXACT",
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        CacheFigures.NONE));
    }
}
