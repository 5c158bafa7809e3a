package dev.mapwatch.maps;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forces a contended lock acquisition on a watched map: one thread holds the map's lock for key 1
 * inside {@code compute}, another thread then needs it ({@code get(1)}, or {@code put(2, 2)} for
 * {@link Strategy#SNAPSHOT} whose reads take no lock); once the second thread is parked the first
 * keeps the lock for {@code held} more, then lets go.
 */
final class LockHolder {

    private LockHolder() {}

    /** True if the second thread was seen waiting; false if it finished without waiting. */
    static boolean holdWhileAnotherThreadWaits(WatchedMap<Integer, Integer> m, Duration held)
            throws Exception {
        return holdWhileAnotherThreadWaits(m, held, t -> {});
    }

    /** As above, running {@code whileHeld} in the calling thread while the lock is still held. */
    static boolean holdWhileAnotherThreadWaits(
            WatchedMap<Integer, Integer> m, Duration held, Concurrently.Body whileHeld)
            throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder =
                new Thread(
                        () ->
                                m.compute(
                                        1,
                                        (k, v) -> {
                                            locked.countDown();
                                            try {
                                                if (!release.await(30, TimeUnit.SECONDS)) {
                                                    throw new IllegalStateException(
                                                            "never released");
                                                }
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                            return v;
                                        }),
                        "lock-holder");
        holder.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        holder.start();
        if (!locked.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("holder never took the lock");
        }
        Thread waiter =
                new Thread(
                        () -> {
                            if (m.strategy() == Strategy.SNAPSHOT) {
                                m.put(2, 2);
                            } else {
                                m.get(1);
                            }
                        },
                        "lock-waiter");
        waiter.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        waiter.start();
        boolean waited = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.isAlive() && System.nanoTime() - deadline < 0) {
            Thread.State state = waiter.getState();
            if (state == Thread.State.WAITING || state == Thread.State.BLOCKED) {
                waited = true;
                break;
            }
            Thread.onSpinWait();
        }
        if (waited) {
            MapStatsTest.spinFor(held);
        }
        try {
            whileHeld.run(0);
        } finally {
            release.countDown();
        }
        waiter.join();
        holder.join();
        if (failure.get() != null) {
            throw new AssertionError("lock holder or waiter failed", failure.get());
        }
        return waited;
    }
}
