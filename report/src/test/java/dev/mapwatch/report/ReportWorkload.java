package dev.mapwatch.report;

import com.example.report.Loads;
import dev.mapwatch.maps.MapEventNames;
import dev.mapwatch.testkit.TestMapEvents;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The child JVM of the report tests: a workload with known thread churn, lock contention,
 * allocation, virtual-thread pinning (JDK 21+) and map statistics, run under
 * {@code -XX:StartFlightRecording}. Every quantity the tests assert is a constant here.
 */
public final class ReportWorkload {
    /** Short-lived platform threads started (and ended), named {@code churn-<i>}. */
    static final int CHURN_THREADS = 25;

    /** Threads that block on the monitor of a {@link ContendedLock} for {@link #HOLD}. */
    static final int MONITOR_WAITERS = 4;

    /** Threads that park on a held {@link ReentrantLock} for {@link #HOLD}. */
    static final int PARK_WAITERS = 3;

    /** How long the holders keep their lock once every waiter is blocked. */
    static final Duration HOLD = Duration.ofMillis(60);

    /** {@link Payload} instances allocated (~{@value} × 80 bytes). */
    static final int PAYLOADS = 3_000_000;

    /** Virtual threads started on JDK 21+, one of which is pinned for {@link #HOLD}. */
    static final int VIRTUAL_THREADS = 20;

    /**
     * Threads blocked in {@code computeIfAbsent} of one key of the {@link #CACHE} map while its
     * mapping function waits (parked) inside the bin's lock for about {@link #MAP_HOLD}; below
     * {@link #HOLD}, so that the monitor class ranked first stays {@link ContendedLock}; too few waits
     * for the slow-mapping-function advice (its figures are tested on their own).
     */
    static final int MAP_WAITERS = 2;

    static final Duration MAP_HOLD = Duration.ofMillis(20);

    /** The map the recording's {@code mapwatch.MapCallSite} event names at {@link Loads#load}'s call. */
    static final String CACHE = "report-cache";

    /** The agent's {@code mapwatch.MapCallSite} event (the agent emits it for its rewritten call sites). */
    @Name(MapEventNames.CALL_SITE)
    @Category("mapwatch")
    @StackTrace(false)
    static final class CallSite extends Event {
        String className;
        String method;
        String descriptor;
        int line;
        String map;
    }

    /** The class whose monitor is contended. */
    static final class ContendedLock {}

    /** The class allocated in volume: eight longs, so about 80 bytes with the header. */
    static final class Payload {
        long a, b, c, d, e, f, g, h;

        Payload(long seed) {
            a = seed;
            h = seed * 31;
        }
    }

    /** Its initializer blocks: a virtual thread initializing it stays pinned to its carrier. */
    static final class SlowInit {
        static final long READY;

        static {
            sleepQuietly(HOLD);
            READY = System.nanoTime();
        }
    }

    private static volatile long sink;

    private ReportWorkload() {}

    public static void main(String[] args) throws Exception {
        churnThreads();
        contendMonitor();
        contendPark();
        contendMapBin();
        allocate();
        startVirtualThreads();
        emitMapEvents();
    }

    private static void churnThreads() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CHURN_THREADS; i++) {
            Thread t = new Thread(() -> sink += Thread.currentThread().getId(), "churn-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void contendMonitor() throws InterruptedException {
        ContendedLock lock = new ContendedLock();
        List<Thread> waiters = new ArrayList<>();
        synchronized (lock) {
            for (int i = 0; i < MONITOR_WAITERS; i++) {
                Thread t =
                        new Thread(
                                () -> {
                                    synchronized (lock) {
                                        sink++;
                                    }
                                },
                                "monitor-waiter-" + i);
                t.start();
                waiters.add(t);
            }
            awaitState(waiters, Thread.State.BLOCKED);
            sleepQuietly(HOLD); // the contention the recording must show
        }
        for (Thread t : waiters) {
            t.join();
        }
    }

    private static void contendPark() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        List<Thread> waiters = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < PARK_WAITERS; i++) {
                Thread t =
                        new Thread(
                                () -> {
                                    lock.lock();
                                    try {
                                        sink++;
                                    } finally {
                                        lock.unlock();
                                    }
                                },
                                "park-waiter-" + i);
                t.start();
                waiters.add(t);
            }
            awaitState(waiters, Thread.State.WAITING);
            sleepQuietly(HOLD);
        } finally {
            lock.unlock();
        }
        for (Thread t : waiters) {
            t.join();
        }
    }

    private static void contendMapBin() throws InterruptedException {
        ConcurrentHashMap<Integer, Long> cache = new ConcurrentHashMap<>();
        CountDownLatch inLock = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread loader =
                new Thread(
                        () ->
                                Loads.load(
                                        cache,
                                        () -> {
                                            try {
                                                nameTheCallSite();
                                            } finally {
                                                inLock.countDown();
                                            }
                                            try {
                                                release.await(); // the load waits for its reply
                                                // inside the bin's lock
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                        }),
                        "map-loader");
        loader.start();
        inLock.await();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < MAP_WAITERS; i++) {
            Thread t = new Thread(() -> Loads.load(cache, () -> {}), "map-waiter-" + i);
            t.start();
            waiters.add(t);
        }
        awaitState(waiters, Thread.State.BLOCKED);
        sleepQuietly(MAP_HOLD);
        release.countDown();
        loader.join();
        for (Thread t : waiters) {
            t.join();
        }
    }

    /** Emits the {@code mapwatch.MapCallSite} of {@link Loads#load}'s map call, located from this stack. */
    private static void nameTheCallSite() {
        StackWalker.StackFrame site =
                StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .walk(
                                frames ->
                                        frames.filter(
                                                        f ->
                                                                f.getClassName()
                                                                                .equals(
                                                                                        Loads.class
                                                                                                .getName())
                                                                        && f.getMethodName()
                                                                                .equals("load"))
                                                .findFirst())
                        .orElseThrow();
        CallSite event = new CallSite();
        event.className = site.getClassName();
        event.method = site.getMethodName();
        event.descriptor = site.getDescriptor();
        event.line = site.getLineNumber();
        event.map = CACHE;
        event.commit();
    }

    private static void allocate() {
        // Stored into a heap array so that escape analysis cannot scalar-replace the allocation.
        Payload[] ring = new Payload[1024];
        for (int i = 0; i < PAYLOADS; i++) {
            ring[i & (ring.length - 1)] = new Payload(i);
        }
        sink += ring[0].h;
    }

    /** Virtual threads exist from JDK 21; this class compiles with release 17, hence reflection. */
    private static void startVirtualThreads() throws Exception {
        if (Runtime.version().feature() < 21) {
            return;
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        builder =
                builderType.getMethod("name", String.class, long.class).invoke(builder, "vt-", 0L);
        Method start = builderType.getMethod("start", Runnable.class);
        CountDownLatch done = new CountDownLatch(VIRTUAL_THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < VIRTUAL_THREADS; i++) {
            boolean pin = i == 0;
            Runnable task =
                    () -> {
                        sink += pin ? SlowInit.READY : 1;
                        done.countDown();
                    };
            threads.add((Thread) start.invoke(builder, task));
        }
        done.await();
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * Four maps, three statistics samples each (cumulative counters), so the report's
     * last-minus-first figures are known exactly. See {@link MapScenario}.
     */
    private static void emitMapEvents() {
        for (int sample = 0; sample < MapScenario.SAMPLES; sample++) {
            for (MapScenario map : MapScenario.values()) {
                map.statistics(sample).commit();
            }
            if (sample == 1) {
                for (int i = 0; i < MapScenario.ORDERS_LOCK_WAIT_EVENTS; i++) {
                    TestMapEvents.MapLockWait wait = new TestMapEvents.MapLockWait();
                    wait.begin();
                    wait.map = MapScenario.ORDERS.name;
                    wait.strategy = MapScenario.ORDERS.strategy;
                    wait.mode = "write";
                    wait.commit();
                }
                for (int i = 0; i < MapScenario.SESSIONS_PROMOTION_EVENTS; i++) {
                    TestMapEvents.MapPromotion promotion = new TestMapEvents.MapPromotion();
                    promotion.begin();
                    promotion.map = MapScenario.SESSIONS.name;
                    promotion.strategy = MapScenario.SESSIONS.strategy;
                    promotion.entries = 1000;
                    promotion.commit();
                }
            }
            sleepQuietly(Duration.ofMillis(100)); // spread the samples over a known-positive window
        }
    }

    private static void awaitState(List<Thread> threads, Thread.State state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!threads.stream().allMatch(t -> t.getState() == state)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waiters never reached " + state);
            }
            Thread.onSpinWait();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
