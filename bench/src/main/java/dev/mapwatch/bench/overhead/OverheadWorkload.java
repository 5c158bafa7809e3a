package dev.mapwatch.bench.overhead;

import com.sun.management.OperatingSystemMXBean;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The child JVM of {@link AgentOverhead}: a workload that measures its own throughput, exercising
 * what the agent watches: watched maps (hits, misses, puts), monitor and {@code ReentrantLock}
 * contention between the workers, allocation, and thread churn (a thread started and joined every
 * few milliseconds).
 *
 * <p>Runs {@code warmupSeconds}, then counts units of work for {@code measureSeconds} and prints
 * one line starting with {@value #RESULT_PREFIX}: units per wall-clock second, units per second of
 * the whole process's CPU time (agent threads included, so it charges the agent's own work and
 * stays meaningful when other processes compete for the CPU), the live {@code mapwatch-*}
 * threads, heap used after a full GC, and resident memory.
 *
 * <p>Usage: {@code OverheadWorkload <workers> <warmupSeconds> <measureSeconds>}; the system property
 * {@value PlainJfrStream#PROPERTY} adds a plain JFR stream with the agent's event settings
 * ({@link PlainJfrStream}).
 */
public final class OverheadWorkload {

    static final String RESULT_PREFIX = "RESULT ";
    private static final int KEYS = 4096;
    private static final long CHURN_INTERVAL_NANOS = 5_000_000L;

    private final WatchedMap<Integer, Integer> map =
            MapWatch.newMap("overhead-users", Strategy.CONCURRENT);
    private final Integer[] keys = new Integer[2 * KEYS];
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong churned = new AtomicLong();
    private long shared;

    /** Keeps allocations reachable just long enough that they cannot be optimised away. */
    private volatile Object sink;

    private OverheadWorkload() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Integer.valueOf(1_000_000 + i);
            if (i < KEYS) {
                map.put(keys[i], keys[i]);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println(
                    "usage: OverheadWorkload <workers> <warmupSeconds> <measureSeconds>");
            System.exit(2);
        }
        int workers = Integer.parseInt(args[0]);
        double warmup = Double.parseDouble(args[1]);
        double measure = Double.parseDouble(args[2]);
        if (!Boolean.getBoolean(PlainJfrStream.LATE_PROPERTY)) {
            PlainJfrStream.startIfRequested();
        }
        new OverheadWorkload().run(workers, warmup, measure);
    }

    private void run(int workers, double warmupSeconds, double measureSeconds) throws Exception {
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(workers + 1);
        for (int w = 0; w < workers; w++) {
            int seed = w;
            threads.add(new Thread(() -> work(seed, started), "workload-" + w));
        }
        threads.add(new Thread(() -> churn(started), "workload-churn"));
        threads.forEach(Thread::start);
        started.await();

        Thread.sleep((long) (warmupSeconds * 1000));
        if (Boolean.getBoolean(PlainJfrStream.LATE_PROPERTY)) {
            PlainJfrStream.startIfRequested();
            Thread.sleep(1000); // the stream's start-up stays out of the measured seconds
        }
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        counting.set(true);
        Thread.sleep((long) (measureSeconds * 1000));
        counting.set(false);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        long mapwatchThreads =
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("mapwatch-"))
                        .count();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }

        double wall = (t1 - t0) / 1e9;
        double cpu = (cpu1 - cpu0) / 1e9;
        long done = units.get();
        System.gc();
        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                RESULT_PREFIX
                        + "units=%d wallSeconds=%.3f cpuSeconds=%.3f unitsPerSecond=%.1f unitsPerCpuSecond=%.1f"
                        + " threadsChurned=%d mapwatchThreads=%d heapUsedAfterGc=%d rssKb=%d hits=%d%n",
                done,
                wall,
                cpu,
                done / wall,
                done / cpu,
                churned.get(),
                mapwatchThreads,
                heapUsed,
                rssKb(),
                map.stats().hits());
    }

    /** One unit: 32 map lookups (1 in 8 a miss), a put, a contended monitor and lock, an allocation. */
    private void work(int seed, CountDownLatch started) {
        started.countDown();
        int x = seed * 0x9E3779B9 + 1;
        long local = 0;
        while (!stop.get()) {
            for (int i = 0; i < 32; i++) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                int k = x & (KEYS - 1);
                Integer key = (i & 7) == 7 ? keys[KEYS + k] : keys[k];
                if (map.get(key) != null) {
                    local++;
                }
            }
            map.put(keys[x & (KEYS - 1)], keys[(x >>> 12) & (KEYS - 1)]);
            synchronized (monitor) {
                shared += local;
            }
            lock.lock();
            try {
                shared ^= x;
            } finally {
                lock.unlock();
            }
            sink = new byte[64 + (x & 511)];
            if (counting.get()) {
                units.incrementAndGet();
            }
        }
    }

    /** Starts and joins a short-lived thread every few milliseconds. */
    private void churn(CountDownLatch started) {
        started.countDown();
        long next = System.nanoTime();
        while (!stop.get()) {
            Thread t = new Thread(() -> sink = new long[16], "workload-short-lived");
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            churned.incrementAndGet();
            next += CHURN_INTERVAL_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: resident memory is not reported.
        }
        return -1;
    }
}
