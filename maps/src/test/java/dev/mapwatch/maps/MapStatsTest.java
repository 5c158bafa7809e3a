package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the maps count: exact in one thread, complete after concurrent threads are joined. */
class MapStatsTest {

    @ContractTest
    void countsLookupsExactlyInOneThread(MapFactory factory) {
        WatchedMap<String, Integer> m = factory.create();
        m.put("a", 1);
        m.get("a");
        m.getOrDefault("a", 0);
        m.containsKey("a");
        m.get("x");
        m.containsKey("y");
        MapStats s = m.stats();
        assertThat(s.hits()).isEqualTo(3);
        assertThat(s.misses()).isEqualTo(2);
        assertThat(s.lookups()).isEqualTo(5);
        assertThat(s.hitRatio()).isEqualTo(0.6);
        assertThat(s.puts()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(1);
    }

    @ContractTest
    void countsWritesExactlyInOneThread(MapFactory factory) {
        WatchedMap<String, Integer> m = factory.create();
        m.put("a", 1); // put 1
        m.put("a", 2); // put 2
        m.putIfAbsent("a", 3); // hit
        m.putIfAbsent("b", 1); // miss, put 3
        m.computeIfAbsent("b", k -> 9); // hit
        m.computeIfAbsent("c", k -> 1); // miss, put 4
        m.computeIfAbsent("d", k -> null); // miss
        m.replace("a", 5); // put 5
        m.replace("zz", 5); // nothing
        m.replace("a", 5, 6); // put 6
        m.replace("a", 5, 7); // nothing
        m.compute("e", (k, v) -> 1); // put 7
        m.merge("e", 1, Integer::sum); // put 8
        m.computeIfPresent("e", (k, v) -> null); // removal 1
        m.remove("a"); // removal 2
        m.remove("a"); // nothing
        m.remove("b", 42); // nothing
        m.remove("b", 1); // removal 3
        m.keySet().iterator().next(); // iteration counts nothing
        m.keySet().remove("c"); // removal 4
        m.put("f", 1); // put 9
        m.put("g", 1); // put 10
        m.clear(); // removals 5 and 6
        MapStats s = m.stats();
        assertThat(s.hits()).isEqualTo(2);
        assertThat(s.misses()).isEqualTo(3);
        assertThat(s.puts()).isEqualTo(10);
        assertThat(s.removals()).isEqualTo(6);
        assertThat(s.size()).isZero();
        if (factory.strategy() != Strategy.SYNC_MAP) {
            assertThat(s.promotions()).isZero();
            assertThat(s.tombstones()).isZero();
            assertThat(s.tombstonesPurged()).isZero();
        }
        assertThat(s.lockWaits()).isZero();
    }

    @ContractTest
    void countingOffReadsZeroButTheMapWorks(MapFactory factory) {
        WatchedMap<String, Integer> m = factory.create(b -> b.counting(Counting.OFF));
        m.put("a", 1);
        assertThat(m.get("a")).isEqualTo(1);
        assertThat(m.get("b")).isNull();
        m.remove("a");
        MapStats s = m.stats();
        assertThat(List.of(s.hits(), s.misses(), s.puts(), s.removals())).containsOnly(0L);
        assertThat(s.size()).isZero();
    }

    @ContractTest
    void noCountIsLostAcrossThreads(MapFactory factory) throws Exception {
        WatchedMap<Integer, Integer> m = factory.create();
        for (int k = 0; k < 100; k += 2) {
            m.put(k, k);
        }
        int threads = 4;
        int ops = 20_000;
        Concurrently.run(
                threads,
                t -> {
                    for (int i = 0; i < ops; i++) {
                        m.get(i % 100); // alternately hit and miss
                    }
                });
        MapStats s = m.stats();
        assertThat(s.lookups()).isEqualTo((long) threads * ops);
        assertThat(s.hits()).isEqualTo((long) threads * ops / 2);
        assertThat(s.misses()).isEqualTo((long) threads * ops / 2);
    }

    @Test
    void moreThreadsThanCellsStillCountEverything() throws Exception {
        WatchedMap<Integer, Integer> m = MapWatch.newMap("many-threads", Strategy.CONCURRENT);
        int threads =
                2 * MapCounters.MAX_CELLS / 16
                        + 3 * Runtime.getRuntime().availableProcessors() * 4
                        + 5;
        int ops = 1_000;
        Concurrently.run(
                threads,
                t -> {
                    for (int i = 0; i < ops; i++) {
                        m.put(t, i);
                        m.get(t);
                    }
                });
        assertThat(m.stats().puts()).isEqualTo((long) threads * ops);
        assertThat(m.stats().hits()).isEqualTo((long) threads * ops);
    }

    @Test
    void countersAreExactWhenDeadThreadsCellsAreTakenOver() throws Exception {
        MapCounters counters = MapCounters.create(Counting.EXACT, 1);
        for (int round = 1; round <= 5; round++) {
            // each round's thread takes over the single cell of the (dead) previous one
            Concurrently.run(
                    1,
                    t -> {
                        for (int i = 0; i < 1_000; i++) {
                            counters.recordLookup(true);
                        }
                    });
            assertThat(counters.hits()).isEqualTo(round * 1_000L);
        }
        // while two live threads compete for one cell, one of them falls back to the shared adder
        Concurrently.run(
                2,
                t -> {
                    for (int i = 0; i < 10_000; i++) {
                        counters.recordPut();
                    }
                });
        assertThat(counters.puts()).isEqualTo(20_000);
        assertThat(counters.cellCount()).isEqualTo(1);
    }

    // ---- SYNC_MAP: promotions and tombstones on known sequences ----

    @Test
    void syncMapCountsPromotionsTombstonesAndPurges() {
        long before = System.nanoTime();
        WatchedMap<String, Integer> m = MapWatch.newMap("sync-sequence", Strategy.SYNC_MAP);
        m.put("a", 1); // new key: dirty = {a}, read amended
        assertThat(m.get("a")).isEqualTo(1); // miss in read, 1 miss >= len(dirty) 1: promotion 1
        assertThat(m.stats().promotions()).isEqualTo(1);
        assertThat(m.stats().tombstones()).isZero();

        m.remove("a"); // a in read becomes nil: a tombstone
        spinFor(Duration.ofMillis(2));
        MapStats afterDelete = m.stats();
        assertThat(afterDelete.tombstones()).isEqualTo(1);
        assertThat(afterDelete.oldestTombstoneAgeNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(2).toNanos())
                .isLessThanOrEqualTo(System.nanoTime() - before);
        assertThat(afterDelete.size()).isZero();

        m.put("b", 2); // first new key: dirtyLocked expunges a (still held in read)
        assertThat(m.stats().tombstones()).isEqualTo(1);
        assertThat(m.stats().tombstonesPurged()).isZero();

        assertThat(m.get("b")).isEqualTo(2); // miss: promotion 2 drops the expunged a
        MapStats afterPurge = m.stats();
        assertThat(afterPurge.promotions()).isEqualTo(2);
        assertThat(afterPurge.tombstones()).isZero();
        assertThat(afterPurge.oldestTombstoneAgeNanos()).isZero();
        assertThat(afterPurge.tombstonesPurged()).isEqualTo(1);
        assertThat(afterPurge.tombstonePurgeAgeNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(2).toNanos())
                .isLessThanOrEqualTo(System.nanoTime() - before);

        m.put("c", 3); // amended again
        assertThat(m.keySet()).containsExactlyInAnyOrder("b", "c"); // Range promotes first: 3
        assertThat(m.stats().promotions()).isEqualTo(3);
        assertThat(m.stats().hits()).isEqualTo(2);
        assertThat(m.stats().misses()).isZero();
    }

    @Test
    void syncMapResurrectedTombstoneIsNoLongerCounted() {
        WatchedMap<String, Integer> m = MapWatch.newMap("sync-resurrect", Strategy.SYNC_MAP);
        m.put("a", 1);
        m.get("a"); // promotion
        m.remove("a");
        assertThat(m.stats().tombstones()).isEqualTo(1);
        m.put("a", 2); // lock-free swap into the nil entry
        assertThat(m.stats().tombstones()).isZero();
        m.remove("a");
        m.put("b", 1); // expunges a
        m.put("a", 3); // unexpunges a into dirty
        assertThat(m.stats().tombstones()).isZero();
        m.get("b");
        m.get("b"); // misses reach len(dirty) = 2: promotion, nothing purged
        assertThat(m.stats().promotions()).isEqualTo(2);
        assertThat(m.stats().tombstonesPurged()).isZero();
        assertThat(m).containsOnlyKeys("a", "b");
    }

    @Test
    void syncMapClearPurgesItsTombstones() {
        WatchedMap<String, Integer> m = MapWatch.newMap("sync-clear", Strategy.SYNC_MAP);
        m.put("a", 1);
        m.put("b", 2);
        m.keySet().size(); // no promotion: size does not promote
        assertThat(m.stats().promotions()).isZero();
        m.keySet().iterator(); // Range promotes
        assertThat(m.stats().promotions()).isEqualTo(1);
        m.remove("a");
        assertThat(m.stats().tombstones()).isEqualTo(1);
        m.clear();
        MapStats s = m.stats();
        assertThat(s.tombstones()).isZero();
        assertThat(s.tombstonesPurged()).isEqualTo(1);
        assertThat(s.removals()).isEqualTo(2);
        assertThat(m).isEmpty();
    }

    @Test
    void syncMapWithoutLifespansCountsTombstonesWithoutAges() {
        WatchedMap<String, Integer> m =
                MapWatch.builder("sync-untimed")
                        .strategy(Strategy.SYNC_MAP)
                        .trackLifespans(false)
                        .build();
        m.put("a", 1);
        m.get("a");
        m.remove("a");
        spinFor(Duration.ofMillis(1));
        assertThat(m.stats().tombstones()).isEqualTo(1);
        assertThat(m.stats().oldestTombstoneAgeNanos()).isZero();
        m.put("b", 1);
        m.get("b");
        assertThat(m.stats().tombstonesPurged()).isEqualTo(1);
        assertThat(m.stats().tombstonePurgeAgeNanos()).isZero();
    }

    // ---- lock waits ----

    @ContractTest
    void contendedLockAcquisitionsAreCountedWithTheirWait(MapFactory factory) throws Exception {
        WatchedMap<Integer, Integer> m =
                factory.create(b -> b.lockWaitThreshold(Duration.ofDays(1)));
        m.put(1, 1);
        Duration held = Duration.ofMillis(30);
        AtomicReference<MapStats> whileLocked = new AtomicReference<>();
        boolean waited =
                LockHolder.holdWhileAnotherThreadWaits(
                        m,
                        held,
                        t ->
                                whileLocked.set(
                                        CompletableFuture.supplyAsync(m::stats)
                                                .get(10, TimeUnit.SECONDS)));
        // stats() returned without waiting for the lock; SYNC_MAP then reports the size it counted
        // last
        assertThat(whileLocked.get().size())
                .isEqualTo(factory.strategy() == Strategy.SYNC_MAP ? 0 : 1);
        MapStats s = m.stats();
        if (factory.strategy() == Strategy.CONCURRENT) {
            // ConcurrentHashMap's bin monitors are JFR's jdk.JavaMonitorEnter, not map lock waits.
            assertThat(s.lockWaits()).isZero();
            return;
        }
        assertThat(waited).isTrue();
        assertThat(s.lockWaits()).isEqualTo(1);
        assertThat(s.lockWaitNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
    }

    // ---- helpers ----

    /** Lets at least {@code d} pass on the monotonic clock (for ages, not for synchronisation). */
    static void spinFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
