package dev.mapwatch.maps;

import java.lang.System.Logger.Level;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide sampling windows of {@link Counting#SAMPLED}, and the estimator they give.
 *
 * <p>One daemon thread, {@code mapwatch-sampler}, started when the first sampled counter is
 * created, cuts time into cycles of {@code C} ({@value #DEFAULT_CYCLE_MICROS} µs) and opens one
 * window of {@code C/k} ({@code k} = {@value #DEFAULT_WEIGHT}) per cycle at a uniformly random
 * rotation ({@link WindowSchedule}), on every live sampled map at once ({@link WindowTargets}).
 * Inside a window an operation counts exactly, adding the window's weight (about {@code k}); the
 * estimate is unbiased (Horvitz-Thompson) for load that does not depend on where the windows fall,
 * with a relative standard error of {@code √(k/N)} for {@code N} steady operations (0.73 % for
 * 600 000). Weights absorb the sampler's lateness, so the windows represent the time elapsed
 * ({@link #representedNanos()}).
 *
 * <p>Limits: a thread doing nothing but map operations is under-counted by the probe effect (up to
 * half), and on a saturated host (more runnable threads than cores) the windows sample the
 * scheduler's order, so seconds-long estimates can be off by tens of per cent: use {@link
 * Counting#EXACT} there. The design, the error analysis and every experiment (including the
 * per-thread CPU-time weighting prototyped but not built) are in {@code docs/design/sampling.md}.
 *
 * <p>Cost: outside windows one load and one branch per operation; inside (1/{@code k} of the time)
 * the exact count's 1.5 to 2 ns. The sampler wakes twice per window (250 windows a second by
 * default), a few microseconds each, plus one field write per live sampled map at each edge
 * (bench/RESULTS.md section 1). Tunable with {@value #CYCLE_PROPERTY} (the cycle in microseconds,
 * 100 to 1 000 000) and {@value #WEIGHT_PROPERTY} ({@code k}, 2 to 1 024; keep the window {@code
 * C/k} well above the ~50 µs timer slack of a parked thread).
 */
final class SamplingWindows {

    static final String CYCLE_PROPERTY = "mapwatch.sampling.cycleMicros";
    static final String WEIGHT_PROPERTY = "mapwatch.sampling.weight";
    static final int DEFAULT_CYCLE_MICROS = 8_000;
    static final int DEFAULT_WEIGHT = 32;

    private static final System.Logger LOG = System.getLogger(SamplingWindows.class.getName());

    private SamplingWindows() {}

    /**
     * Starts the sampler thread unless it runs already; false when it cannot run (the thread could
     * not be started; logged once), and then sampled counters must count exactly.
     */
    static boolean start() {
        return Sampler.INSTANCE != null;
    }

    /** The weight {@code k} of the windows: the inverse of the share of time sampled. */
    static int weight() {
        Sampler s = Sampler.INSTANCE;
        return s == null ? 1 : s.schedule.weight();
    }

    /** The share of time the windows have actually been open since the sampler started. */
    static double realizedShare() {
        Sampler s = Sampler.INSTANCE;
        if (s == null) {
            return 0;
        }
        long elapsed = System.nanoTime() - s.startedNanos;
        return elapsed <= 0 ? 0 : (double) s.openNanos.get() / elapsed;
    }

    /**
     * The time the closed windows stand for, the sum of each one's weight times its open time:
     * it tracks the time elapsed since the sampler started, less the residual carried.
     */
    static long representedNanos() {
        Sampler s = Sampler.INSTANCE;
        return s == null ? 0 : s.representedNanos.get();
    }

    /** The time elapsed since the sampler started. */
    static long elapsedNanos() {
        Sampler s = Sampler.INSTANCE;
        return s == null ? 0 : System.nanoTime() - s.startedNanos;
    }

    /** The sampler thread: opens and closes the {@link WindowTargets} as its {@link WindowSchedule} says. */
    private static final class Sampler implements Runnable {

        static final @Nullable Sampler INSTANCE = startSampler();

        final WindowSchedule schedule;
        final AtomicLong openNanos = new AtomicLong();
        final AtomicLong representedNanos = new AtomicLong();
        final long startedNanos = System.nanoTime();
        private boolean failed;

        private Sampler(WindowSchedule schedule) {
            this.schedule = schedule;
        }

        private static @Nullable Sampler startSampler() {
            long cycle =
                    TimeUnit.MICROSECONDS.toNanos(
                            IntProperty.read(
                                    CYCLE_PROPERTY, DEFAULT_CYCLE_MICROS, 100, 1_000_000, LOG));
            int weight = IntProperty.read(WEIGHT_PROPERTY, DEFAULT_WEIGHT, 2, 1024, LOG);
            if (cycle / weight < 1_000) {
                LOG.log(
                        Level.WARNING,
                        "mapwatch: sampling window of "
                                + cycle / weight
                                + " ns is shorter than 1 us; using -D"
                                + CYCLE_PROPERTY
                                + "="
                                + DEFAULT_CYCLE_MICROS
                                + " -D"
                                + WEIGHT_PROPERTY
                                + "="
                                + DEFAULT_WEIGHT);
                cycle = TimeUnit.MICROSECONDS.toNanos(DEFAULT_CYCLE_MICROS);
                weight = DEFAULT_WEIGHT;
            }
            SplittableRandom random = new SplittableRandom();
            Sampler sampler = new Sampler(new WindowSchedule(cycle, weight, random::nextLong));
            try {
                Thread thread = new Thread(sampler, "mapwatch-sampler");
                thread.setDaemon(true);
                thread.start();
                return sampler;
            } catch (RuntimeException
                    | Error e) { // e.g. no more native threads: never harm the host
                LOG.log(
                        Level.WARNING,
                        "mapwatch: cannot start the sampler thread ("
                                + e
                                + "); Counting.SAMPLED maps count exactly instead");
                return null;
            }
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            while (true) {
                try {
                    openPlannedArcs(schedule.plan(start));
                } catch (
                        Throwable t) { // never let sampling die silently, never leave a window open
                    WindowTargets.close();
                    if (!failed) {
                        failed = true;
                        LOG.log(
                                Level.WARNING,
                                "mapwatch: the sampler failed ("
                                        + t
                                        + "); sampled counts may be low",
                                t);
                    }
                }
                start = schedule.next(start, System.nanoTime());
            }
        }

        /**
         * Opens the window's arcs at their planned times, each for its planned length from the
         * moment it actually opened, at the weight the schedule gives it.
         */
        private void openPlannedArcs(long[] arcs) {
            for (int i = 0; i < arcs.length; i += 2) {
                long planned = arcs[i + 1] - arcs[i];
                sleepUntil(arcs[i]);
                int weight = schedule.weightOf(planned);
                long opened = System.nanoTime();
                WindowTargets.open(weight);
                sleepUntil(opened + planned);
                long closed = System.nanoTime();
                WindowTargets.close();
                schedule.closed(planned, closed - opened, weight);
                openNanos.addAndGet(closed - opened);
                representedNanos.addAndGet(weight * (closed - opened));
            }
        }

        private static void sleepUntil(long deadline) {
            for (long left = deadline - System.nanoTime();
                    left > 0;
                    left = deadline - System.nanoTime()) {
                Thread.interrupted(); // an interrupt must not turn parking into spinning
                LockSupport.parkNanos(left);
            }
        }
    }
}
