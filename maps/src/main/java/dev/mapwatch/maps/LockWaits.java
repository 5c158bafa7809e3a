package dev.mapwatch.maps;

import java.util.concurrent.locks.Lock;

/**
 * Acquires a map's locks and accounts for contention: an acquisition that cannot take the lock at
 * once ({@link Lock#tryLock()} fails) is a lock wait; its duration is counted, and a wait at least
 * as long as the map's threshold is emitted as a {@code mapwatch.MapLockWait} JFR event. An
 * uncontended acquisition costs one {@code tryLock}.
 */
final class LockWaits {

    /** Which side of a lock was wanted, the event's {@code mode} field. */
    enum Mode {
        READ("read"),
        WRITE("write");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final String mapName;
    private final Strategy strategy;
    private final MapCounters counters;
    private final long thresholdNanos;

    LockWaits(String mapName, Strategy strategy, MapCounters counters, long thresholdNanos) {
        this.mapName = mapName;
        this.strategy = strategy;
        this.counters = counters;
        this.thresholdNanos = thresholdNanos;
    }

    /** Locks {@code lock}, counting the wait when another thread holds it. */
    void lock(Lock lock, Mode mode) {
        if (lock.tryLock()) {
            return;
        }
        Object event = MapEvents.beginLockWait();
        long start = System.nanoTime();
        lock.lock();
        long waited = System.nanoTime() - start;
        counters.recordLockWait(waited);
        if (event != null && waited >= thresholdNanos) {
            MapEvents.commitLockWait(event, mapName, strategy, mode);
        }
    }
}
