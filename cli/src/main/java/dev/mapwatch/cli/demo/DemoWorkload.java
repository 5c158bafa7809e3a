package dev.mapwatch.cli.demo;

import dev.mapwatch.cli.demo.plain.PlainSessions;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The demo's built-in workload, touching every metric family at a modest, steady rate: one map per
 * strategy (lookups with misses, writes, removals; promotions and tombstones where the strategy
 * has them; slow writers so readers wait on the map's lock), a contended monitor and a contended
 * {@link ReentrantLock}, a steady allocation of {@link Invoice}s, short-lived platform threads and,
 * on JDK 21+, virtual threads (some pinned while they initialize a class, see {@link PinningInitializer}).
 */
final class DemoWorkload implements AutoCloseable {

    /** The monitor the demo contends on; it shows as the top contended class. */
    static final class SharedLedger {
        long entries;
    }

    /** What the demo allocates most. */
    record Invoice(long id, long amount, String currency) {}

    private static final int KEYS = 2_000;
    private static final long HOLD_MILLIS = 25;

    private final List<Thread> threads = new ArrayList<>();
    private final List<WatchedMap<String, Long>> maps = new ArrayList<>();
    private volatile boolean running = true;
    static volatile Object sink;

    private DemoWorkload() {}

    /** Creates the maps and starts the workload's daemon threads ({@code demo-*}). */
    static DemoWorkload start() {
        DemoWorkload workload = new DemoWorkload();
        for (Strategy strategy : Strategy.values()) {
            String name = "demo-" + strategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
            WatchedMap<String, Long> map = MapWatch.newMap(name, strategy);
            workload.maps.add(map);
            workload.spawn(name + "-reader", () -> workload.useMap(map, false));
            workload.spawn(name + "-writer", () -> workload.useMap(map, true));
        }
        workload.spawn("demo-plain-sessions", workload::usePlainMap);
        SharedLedger ledger = new SharedLedger();
        for (int i = 0; i < 3; i++) {
            workload.spawn("demo-ledger-" + i, () -> workload.contendMonitor(ledger));
        }
        ReentrantLock lock = new ReentrantLock();
        for (int i = 0; i < 3; i++) {
            workload.spawn("demo-lock-" + i, () -> workload.contendLock(lock));
        }
        workload.spawn("demo-allocator", workload::allocate);
        workload.spawn("demo-churn", workload::churnPlatformThreads);
        virtualThreadStarter()
                .ifPresent(
                        start ->
                                workload.spawn(
                                        "demo-virtual", () -> workload.churnVirtualThreads(start)));
        return workload;
    }

    private void spawn(String name, Runnable task) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                task.run();
                            } catch (RuntimeException e) {
                                if (running) {
                                    System.err.println("mapwatch demo: " + name + " stopped: " + e);
                                }
                            }
                        },
                        name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void useMap(WatchedMap<String, Long> map, boolean writer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // SNAPSHOT copies the whole map on every write: it is for read-mostly data, so it is
        // written
        // rarely here (at the others' rate it would allocate hundreds of MB/s and drown the demo).
        int batch = writer && map.strategy() == Strategy.SNAPSHOT ? 1 : 100;
        long round = 0;
        while (running) {
            for (int i = 0; i < batch; i++) {
                // A third of the keys looked up were never written: misses.
                String key = "k" + random.nextInt(KEYS * 3 / 2);
                if (!writer) {
                    sink = map.get(key);
                } else if (random.nextInt(4) == 0) {
                    map.remove(key); // deleted entries: tombstones in SYNC_MAP
                } else {
                    map.put("k" + random.nextInt(KEYS), round);
                }
            }
            if (writer && ++round % 20 == 0) {
                // A slow write: readers of lock-based strategies wait for it (map lock waits).
                map.compute(
                        "k0",
                        (k, v) -> {
                            pause(15);
                            return v == null ? 1L : v + 1;
                        });
            }
            pause(5);
        }
    }

    /** A plain ConcurrentHashMap, not a mapwatch map: counted like an application's ({@link PlainSessions}). */
    private void usePlainMap() {
        while (running) {
            for (int i = 0; i < 100; i++) {
                sink = PlainSessions.touch(KEYS);
            }
            pause(5);
        }
    }

    private void contendMonitor(SharedLedger ledger) {
        while (running) {
            synchronized (ledger) {
                ledger.entries++;
                pause(HOLD_MILLIS); // holding the monitor is the point: the others block
            }
            pause(ThreadLocalRandom.current().nextInt(50, 150));
        }
    }

    private void contendLock(ReentrantLock lock) {
        while (running) {
            lock.lock();
            try {
                pause(HOLD_MILLIS); // holding the lock: the others park
            } finally {
                lock.unlock();
            }
            pause(ThreadLocalRandom.current().nextInt(50, 150));
        }
    }

    private void allocate() {
        long id = 0;
        while (running) {
            Invoice[] batch = new Invoice[20_000];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = new Invoice(id++, id * 7, i % 2 == 0 ? "EUR" : "USD");
            }
            sink = batch;
            pause(50); // about 10 MB/s
        }
    }

    private void churnPlatformThreads() {
        int n = 0;
        while (running) {
            for (int i = 0; i < 5; i++) {
                long life = ThreadLocalRandom.current().nextLong(1, 40);
                Thread worker = new Thread(() -> pause(life), "demo-short-lived-" + n++);
                worker.setDaemon(true);
                worker.start();
            }
            pause(100);
        }
    }

    private void churnVirtualThreads(Method start) {
        byte[] pinning = pinningInitializerBytes();
        while (running) {
            for (int i = 0; i < 50; i++) {
                Runnable task =
                        i == 0
                                ? () -> initializeAfresh(pinning) // blocks while pinned
                                : () -> pause(ThreadLocalRandom.current().nextLong(1, 20));
                try {
                    start.invoke(null, task);
                } catch (ReflectiveOperationException e) {
                    return;
                }
            }
            pause(100);
        }
    }

    private static byte[] pinningInitializerBytes() {
        try (InputStream in =
                PinningInitializer.class.getResourceAsStream("PinningInitializer.class")) {
            if (in == null) {
                throw new IllegalStateException("PinningInitializer.class is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defines {@link PinningInitializer} as a new hidden class and runs its (blocking) initializer. */
    private static void initializeAfresh(byte[] classBytes) {
        try {
            MethodHandles.lookup().defineHiddenClass(classBytes, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<Method> virtualThreadStarter() {
        try {
            return java.util.Optional.of(
                    Thread.class.getMethod("startVirtualThread", Runnable.class));
        } catch (NoSuchMethodException e) {
            return java.util.Optional.empty(); // JDK 17-20
        }
    }

    /** Sleeps (not parks: a park would count as lock contention); an interrupt ends the wait early. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }
}
