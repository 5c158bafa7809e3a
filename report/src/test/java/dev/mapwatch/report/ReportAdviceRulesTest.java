package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.report.advice.Advice;
import dev.mapwatch.report.advice.AdviceRules;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each rule of the decision guide, just past and just short of its thresholds. */
class ReportAdviceRulesTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** A map over a 10 s window with the given figures and nothing else. */
    private static MapHealth map(
            String strategy,
            long hits,
            long misses,
            long puts,
            long promotions,
            long maxTombstones,
            Duration oldestTombstone,
            long lockWaits,
            Duration lockWaitTime,
            long size) {
        return new MapHealth(
                "m",
                strategy,
                11,
                TEN_SECONDS,
                hits,
                misses,
                puts,
                0,
                promotions,
                0,
                lockWaits,
                lockWaitTime,
                maxTombstones,
                maxTombstones,
                oldestTombstone,
                oldestTombstone,
                size,
                0,
                0,
                Duration.ZERO,
                List.of(),
                List.of(),
                MapCounts.NONE,
                null,
                null);
    }

    private static List<String> rules(MapHealth map) {
        return AdviceRules.defaults().adviseAll(List.of(map)).stream()
                .map(Advice::rule)
                .collect(Collectors.toList());
    }

    @Test
    void syncMapWithManyMissesAndFrequentPromotionsShouldBeConcurrent() {
        MapHealth churning =
                map("SYNC_MAP", 700, 300, 10, 10, 0, Duration.ZERO, 0, Duration.ZERO, 100);
        List<Advice> advice = AdviceRules.defaults().adviseAll(List.of(churning));
        assertThat(advice).extracting(Advice::rule).containsExactly("sync-map-miss-churn");
        assertThat(advice.get(0).suggestion()).isEqualTo("CONCURRENT");
        assertThat(advice.get(0).reason())
                .contains("30.0% of 1,000 lookups missed")
                .contains("1.0/s");
        // Just under each threshold: 29.9% misses; 9 promotions in 10 s; 999 lookups.
        assertThat(
                        rules(
                                map(
                                        "SYNC_MAP",
                                        701,
                                        299,
                                        10,
                                        10,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        100)))
                .isEmpty();
        assertThat(rules(map("SYNC_MAP", 700, 300, 10, 9, 0, Duration.ZERO, 0, Duration.ZERO, 100)))
                .isEmpty();
        assertThat(
                        rules(
                                map(
                                        "SYNC_MAP",
                                        699,
                                        300,
                                        10,
                                        10,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        100)))
                .isEmpty();
        // The same figures on another strategy say nothing about promotions.
        assertThat(
                        rules(
                                map(
                                        "CONCURRENT",
                                        700,
                                        300,
                                        10,
                                        10,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        100)))
                .isEmpty();
    }

    @Test
    void syncMapHoardingTombstonesShouldBeConcurrent() {
        assertThat(
                        rules(
                                map(
                                        "SYNC_MAP",
                                        1,
                                        0,
                                        0,
                                        0,
                                        1_000,
                                        Duration.ofSeconds(1),
                                        0,
                                        Duration.ZERO,
                                        5)))
                .containsExactly("tombstone-backlog");
        assertThat(
                        rules(
                                map(
                                        "SYNC_MAP",
                                        1,
                                        0,
                                        0,
                                        0,
                                        3,
                                        Duration.ofSeconds(60),
                                        0,
                                        Duration.ZERO,
                                        5)))
                .containsExactly("tombstone-backlog");
        assertThat(
                        rules(
                                map(
                                        "SYNC_MAP",
                                        1,
                                        0,
                                        0,
                                        0,
                                        999,
                                        Duration.ofSeconds(59),
                                        0,
                                        Duration.ZERO,
                                        5)))
                .isEmpty();
    }

    @Test
    void writeHeavySnapshotShouldBeConcurrent() {
        List<Advice> advice =
                AdviceRules.defaults()
                        .adviseAll(
                                List.of(
                                        map(
                                                "SNAPSHOT",
                                                1_900,
                                                0,
                                                100,
                                                0,
                                                0,
                                                Duration.ZERO,
                                                0,
                                                Duration.ZERO,
                                                50)));
        assertThat(advice).extracting(Advice::rule).containsExactly("snapshot-write-heavy");
        assertThat(advice.get(0).reason())
                .contains("100 writes were 5.0% of 2,000 operations")
                .contains("about 5,000 entry copies");
        assertThat(rules(map("SNAPSHOT", 1_901, 0, 99, 0, 0, Duration.ZERO, 0, Duration.ZERO, 50)))
                .isEmpty();
        assertThat(
                        rules(
                                map(
                                        "SNAPSHOT",
                                        1_000_000,
                                        0,
                                        100,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        50)))
                .isEmpty();
    }

    @Test
    void contendedLockedMapShouldBeStripedOrConcurrent() {
        // 10 waits, 100 ms in a 10 s window: 0.01 s of waiting per second, the threshold.
        List<Advice> advice =
                AdviceRules.defaults()
                        .adviseAll(
                                List.of(
                                        map(
                                                "LOCKED",
                                                5_000,
                                                0,
                                                5_000,
                                                0,
                                                0,
                                                Duration.ZERO,
                                                10,
                                                Duration.ofMillis(100),
                                                100)));
        assertThat(advice).extracting(Advice::suggestion).containsExactly("STRIPED or CONCURRENT");
        assertThat(advice.get(0).reason())
                .contains("waited 10 times")
                .contains("0.010 s of waiting per second");
        assertThat(
                        rules(
                                map(
                                        "STRIPED",
                                        5_000,
                                        0,
                                        5_000,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        10,
                                        Duration.ofMillis(100),
                                        100)))
                .containsExactly("contended-lock");
        assertThat(
                        rules(
                                map(
                                        "LOCKED",
                                        5_000,
                                        0,
                                        5_000,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        9,
                                        Duration.ofMillis(100),
                                        100)))
                .isEmpty();
        assertThat(
                        rules(
                                map(
                                        "LOCKED",
                                        5_000,
                                        0,
                                        5_000,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        10,
                                        Duration.ofMillis(99),
                                        100)))
                .isEmpty();
    }

    @Test
    void readMostlySmallLockedMapShouldBeSnapshot() {
        assertThat(
                        rules(
                                map(
                                        "LOCKED",
                                        99_900,
                                        0,
                                        100,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        10_000)))
                .containsExactly("read-mostly-lock");
        assertThat(
                        rules(
                                map(
                                        "LOCKED",
                                        99_899,
                                        0,
                                        101,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        10_000)))
                .isEmpty();
        assertThat(
                        rules(
                                map(
                                        "LOCKED",
                                        99_900,
                                        0,
                                        100,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        10_001)))
                .isEmpty();
    }

    /** Waits named by map: {@code waits} of {@code waitedMillis} in all, the longest {@code longestMillis}. */
    private static MapContention contended(
            long waits, long waitedMillis, long longestMillis, Ranking holders) {
        BoundedTally sites = new BoundedTally();
        sites.add(
                "com.acme.Cache.load:42 (computeIfAbsent)",
                waits,
                waitedMillis * 1_000_000,
                longestMillis * 1_000_000);
        return new MapContention(
                "com.acme.Cache.entries",
                "ConcurrentHashMap",
                new Tally(
                        "com.acme.Cache.entries",
                        waits,
                        waitedMillis * 1_000_000,
                        longestMillis * 1_000_000),
                sites.top(10),
                holders);
    }

    private static List<Advice> advise(MapContention map) {
        return AdviceRules.defaults().adviseAll(List.of(), List.of(map));
    }

    @Test
    void mappingFunctionsHoldingTheLockWhileOthersWaitShouldLoadOutsideTheLock() {
        BoundedTally functions = new BoundedTally();
        functions.add(
                "com.acme.Cache.lambda$load$0:43 (computeIfAbsent at com.acme.Cache.load:42)",
                3,
                900_000_000L,
                300_000_000L);
        List<Advice> advice = advise(contended(9, 2_700, 301, functions.top(10)));
        assertThat(advice).extracting(Advice::rule).containsExactly("slow-mapping-function");
        Advice a = advice.get(0);
        assertThat(a.map()).isEqualTo("com.acme.Cache.entries");
        assertThat(a.strategy()).isEqualTo("ConcurrentHashMap");
        assertThat(a.suggestion())
                .contains("get before computeIfAbsent")
                .contains("asynchronous loading cache");
        assertThat(a.reason())
                .contains(
                        "Threads waited 9 times for a lock of map com.acme.Cache.entries, 2.70 s in total")
                .contains("held the lock for at least 301.0 ms at a time (the longest wait)")
                .contains(
                        "blocked for 900.0 ms while they held the lock, in 3 events (longest 300.0 ms), most in"
                                + " com.acme.Cache.lambda$load$0:43 (computeIfAbsent at com.acme.Cache.load:42)")
                .contains("Waiting site: com.acme.Cache.load:42 (computeIfAbsent).")
                .contains("call get first")
                .contains("Caffeine's AsyncLoadingCache");
    }

    @Test
    void withoutAnEventInsideTheFunctionsTheHoldersAreInferredFromTheWaiters() {
        List<Advice> advice = advise(contended(3, 100, 40, Ranking.empty()));
        assertThat(advice).extracting(Advice::rule).containsExactly("slow-mapping-function");
        assertThat(advice.get(0).reason())
                .contains("the holders are inferred from the waiters")
                .contains("at least 40.0 ms at a time");
        // Just short of each threshold: 2 waits; 99 ms in all.
        assertThat(advise(contended(2, 1_000, 500, Ranking.empty()))).isEmpty();
        assertThat(advise(contended(3, 99, 40, Ranking.empty()))).isEmpty();
    }

    @Test
    void healthyConcurrentMapGetsNoAdvice() {
        assertThat(
                        rules(
                                map(
                                        "CONCURRENT",
                                        9_000,
                                        1_000,
                                        5_000,
                                        0,
                                        0,
                                        Duration.ZERO,
                                        0,
                                        Duration.ZERO,
                                        10)))
                .isEmpty();
    }
}
