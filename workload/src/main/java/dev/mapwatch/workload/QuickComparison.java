package dev.mapwatch.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A short in-process comparison of every {@link MapKind} under one {@link Workload}, for a user
 * choosing a strategy on their own hardware in seconds (JMH, in {@code bench/}, is the careful
 * measurement). The same threads run every map in turn, in short slices, round-robin, so that
 * whatever else the machine does at the time is spread over all maps alike; the first rounds
 * are warm-up; the score is the median slice.
 *
 * <p>Depends on nothing but the JDK and the maps library (no JMH), so a command line can embed it.
 */
public final class QuickComparison {

    /** How long to measure: slice length, warm-up rounds, measured rounds. */
    public record Settings(Duration slice, int warmupRounds, int rounds) {

        /** About 6 s for six maps (half of it warm-up, so that the JIT has compiled the loops). */
        public static final Settings QUICK = new Settings(Duration.ofMillis(100), 5, 5);

        /** About 18 s for six maps. */
        public static final Settings NORMAL = new Settings(Duration.ofMillis(200), 5, 10);

        public Settings {
            if (slice.isNegative() || slice.isZero() || warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("slice must be positive and rounds at least 1");
            }
        }
    }

    private static final int KEYS = 1024;
    private static final int CHECK_CLOCK_EVERY = 256;

    private QuickComparison() {}

    /** Scores of every map kind under {@code workload}, in {@link MapKind} order. */
    public static List<StrategyScore> run(Workload workload, Settings settings) {
        KeySpace keys = new KeySpace(KEYS);
        List<Measured> measured = new ArrayList<>();
        for (MapKind kind : MapKind.values()) {
            ConcurrentMap<Integer, Integer> map = kind.create(true);
            keys.fill(map);
            measured.add(new Measured(kind, map, new double[settings.rounds()]));
        }
        Slices slices = new Slices(workload, keys, settings.slice().toNanos());
        try {
            for (int round = -settings.warmupRounds(); round < settings.rounds(); round++) {
                for (Measured m : measured) {
                    double opsPerMicro = slices.measure(m.map());
                    if (round >= 0) {
                        m.scores()[round] = opsPerMicro;
                    }
                }
            }
        } finally {
            slices.close();
        }
        List<StrategyScore> result = new ArrayList<>();
        for (Measured m : measured) {
            double[] s = m.scores();
            Arrays.sort(s);
            double median =
                    s.length % 2 == 1
                            ? s[s.length / 2]
                            : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            result.add(new StrategyScore(m.kind(), median, s[0], s[s.length - 1]));
        }
        return result;
    }

    /** One map kind's map and its scores, one per measured round. */
    private record Measured(MapKind kind, ConcurrentMap<Integer, Integer> map, double[] scores) {}

    /** The worker threads, each with its own plan, run one map per slice between two barriers. */
    private static final class Slices {
        private final long sliceNanos;
        private final CyclicBarrier start;
        private final CyclicBarrier end;
        private final LongAdder operations = new LongAdder();
        private final List<Thread> workers = new ArrayList<>();
        private volatile @Nullable ConcurrentMap<Integer, Integer> current;
        private volatile boolean closed;

        /** Written by the workers so that results are used; never read for its value. */
        private volatile long sink;

        Slices(Workload workload, KeySpace keys, long sliceNanos) {
            this.sliceNanos = sliceNanos;
            this.start = new CyclicBarrier(workload.threads() + 1);
            this.end = new CyclicBarrier(workload.threads() + 1);
            for (int t = 0; t < workload.threads(); t++) {
                OperationPlan plan =
                        new OperationPlan(
                                keys,
                                workload.readPercent(),
                                workload.missPercent(),
                                0xAD_0000L + t);
                Thread worker = new Thread(() -> work(plan), "quick-comparison-" + t);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }

        /** Runs one slice on {@code map}; returns operations per microsecond over all threads. */
        double measure(ConcurrentMap<Integer, Integer> map) {
            current = map;
            operations.reset();
            long began = System.nanoTime();
            await(start);
            await(end);
            long elapsed = System.nanoTime() - began;
            return operations.sum() * 1000.0 / elapsed;
        }

        void close() {
            closed = true;
            for (Thread w : workers) {
                w.interrupt();
            }
        }

        private void work(OperationPlan plan) {
            while (true) {
                if (!await(start) || closed) {
                    return;
                }
                ConcurrentMap<Integer, Integer> map =
                        Objects.requireNonNull(current, "measure() sets the map first");
                long deadline = System.nanoTime() + sliceNanos;
                long done = 0;
                long hits = 0;
                do {
                    for (int i = 0; i < CHECK_CLOCK_EVERY; i++) {
                        if (plan.performNext(map) != null) {
                            hits++;
                        }
                    }
                    done += CHECK_CLOCK_EVERY;
                } while (System.nanoTime() < deadline);
                operations.add(done);
                sink = hits;
                if (!await(end)) {
                    return;
                }
            }
        }

        private boolean await(CyclicBarrier barrier) {
            try {
                barrier.await();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (BrokenBarrierException e) {
                return false;
            }
        }
    }
}
