package dev.mapwatch.report;

import dev.mapwatch.testkit.TestMapEvents;

/**
 * The maps the workload reports, with cumulative counters growing linearly over
 * {@link #SAMPLES} samples: sample {@code s} carries {@code base + s * step}. The report must
 * therefore see {@code (SAMPLES - 1) * step} of each counter, and each map is built to trigger
 * (or, for {@link #HEALTHY}, not trigger) one advice rule.
 */
enum MapScenario {
    /** SYNC_MAP with 75% misses, many promotions and an old tombstone backlog. */
    SESSIONS("sessions", "SYNC_MAP", 500, 1500, 100, 0, 100, 5_000, 90_000_000_000L, 0),
    /** SNAPSHOT written to on a third of its operations: every write copies the map. */
    CATALOG("catalog", "SNAPSHOT", 1000, 0, 500, 0, 0, 0, 0, 0),
    /** LOCKED map whose lock is waited on: 150 waits of 20 ms each per step. */
    ORDERS("orders", "LOCKED", 4000, 1000, 1000, 0, 0, 0, 0, 150),
    /** CONCURRENT map with 95% hits: no advice. */
    HEALTHY("healthy", "CONCURRENT", 9500, 500, 100, 0, 0, 0, 0, 0);

    static final int SAMPLES = 3;
    static final int ORDERS_LOCK_WAIT_EVENTS = 5;
    static final int SESSIONS_PROMOTION_EVENTS = 7;
    static final long LOCK_WAIT_NANOS_PER_WAIT = 20_000_000L;
    static final long SIZE = 10_000;

    final String name;
    final String strategy;
    final long hitStep;
    final long missStep;
    final long putStep;
    final long removalStep;
    final long promotionStep;
    final long tombstones;
    final long oldestTombstoneAgeNanos;
    final long lockWaitStep;

    MapScenario(
            String name,
            String strategy,
            long hitStep,
            long missStep,
            long putStep,
            long removalStep,
            long promotionStep,
            long tombstones,
            long oldestTombstoneAgeNanos,
            long lockWaitStep) {
        this.name = name;
        this.strategy = strategy;
        this.hitStep = hitStep;
        this.missStep = missStep;
        this.putStep = putStep;
        this.removalStep = removalStep;
        this.promotionStep = promotionStep;
        this.tombstones = tombstones;
        this.oldestTombstoneAgeNanos = oldestTombstoneAgeNanos;
        this.lockWaitStep = lockWaitStep;
    }

    /** Counters before the first sample: non-zero, so "last minus first" is what is checked. */
    private static final long BASE = 7;

    TestMapEvents.MapStatistics statistics(int sample) {
        TestMapEvents.MapStatistics e = new TestMapEvents.MapStatistics();
        e.map = name;
        e.strategy = strategy;
        e.hits = BASE + sample * hitStep;
        e.misses = BASE + sample * missStep;
        e.puts = BASE + sample * putStep;
        e.removals = BASE + sample * removalStep;
        e.promotions = BASE + sample * promotionStep;
        e.tombstones = tombstones;
        e.oldestTombstoneAge = oldestTombstoneAgeNanos;
        e.tombstonesPurged = 0;
        e.tombstonePurgeAge = 0;
        e.lockWaits = BASE + sample * lockWaitStep;
        e.lockWaitTime = (BASE + sample * lockWaitStep) * LOCK_WAIT_NANOS_PER_WAIT;
        e.size = SIZE;
        return e;
    }

    long deltaOver(long step) {
        return (SAMPLES - 1) * step;
    }
}
