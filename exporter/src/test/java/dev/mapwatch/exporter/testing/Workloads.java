package dev.mapwatch.exporter.testing;

import dev.mapwatch.testkit.Poll;
import dev.mapwatch.testkit.TestMapEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** Workloads with known quantities, each producing the JFR events one family of meters comes from. */
public final class Workloads {

    /** How long a contended lock is held: well above the tests' 10 ms threshold. */
    public static final Duration HOLD = Duration.ofMillis(60);

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Workloads() {}

    /** Starts exactly {@code n} platform threads that do nothing, and joins them. */
    public static void platformThreads(int n) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(new Thread(() -> {}, "workload-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Starts exactly {@code m} virtual threads (JDK 21+) that wait for {@code release}; returns them. */
    public static List<Thread> virtualThreads(int m, CountDownLatch release)
            throws ReflectiveOperationException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            threads.add(
                    (Thread)
                            Thread.class
                                    .getMethod("startVirtualThread", Runnable.class)
                                    .invoke(null, (Runnable) () -> await(release)));
        }
        return threads;
    }

    /** One thread blocks entering {@code monitor}'s monitor for {@link #HOLD} while this thread holds it. */
    public static void monitorContention(Object monitor) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread waiter =
                new Thread(
                        () -> {
                            await(held);
                            synchronized (monitor) {
                                Thread.onSpinWait(); // entering is the point: the wait to enter
                                // is the contention
                            }
                        },
                        "monitor-waiter");
        synchronized (monitor) {
            waiter.start();
            held.countDown();
            Poll.until(DEADLINE, () -> waiter.getState() == Thread.State.BLOCKED);
            spin(HOLD);
        }
        waiter.join();
    }

    /** One thread parks on a {@link ReentrantLock} (class {@code ReentrantLock$NonfairSync}) for {@link #HOLD}. */
    public static void parkContention() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Thread waiter =
                new Thread(
                        () -> {
                            lock.lock();
                            lock.unlock();
                        },
                        "park-waiter");
        lock.lock();
        try {
            waiter.start();
            Poll.until(DEADLINE, () -> waiter.getState() == Thread.State.WAITING);
            spin(HOLD);
        } finally {
            lock.unlock();
        }
        waiter.join();
    }

    /** Commits one {@code mapwatch.MapPromotion} and one {@code mapwatch.MapLockWait} (20 ms, write). */
    public static void mapPromotionAndLockWait(String map) {
        TestMapEvents.MapPromotion promotion = new TestMapEvents.MapPromotion();
        promotion.begin();
        promotion.map = map;
        promotion.strategy = "SYNC_MAP";
        promotion.entries = 100;
        promotion.commit();
        TestMapEvents.MapLockWait wait = new TestMapEvents.MapLockWait();
        wait.begin();
        spin(Duration.ofMillis(20));
        wait.map = map;
        wait.strategy = "LOCKED";
        wait.mode = "write";
        wait.commit();
    }

    /** Keeps the current thread busy for {@code duration}: the workload itself, not synchronisation. */
    public static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** Waits for {@code latch}, keeping the interrupt flag. */
    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
