package dev.mapwatch.maps;

import java.lang.System.Logger.Level;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM-wide sampling windows of {@link Counting#SAMPLED}, and the estimator they give.
 *
 * <h2>Design: bursty sampling in time</h2>
 *
 * As in bursty tracing (Hirzel and Chilimbi, 2001) and Arnold and Ryder's sampling framework
 * (2001), instrumentation runs exactly during short bursts and not between them; but the switch is
 * not a per-thread countdown (that would put per-thread state back on the hot path): one daemon
 * thread, {@code mapwatch-sampler}, started when the first sampled counter is created, opens and
 * closes a window on every live sampled map at once ({@link WindowTargets}) by writing one field
 * of each map, the field its operations read to find where to count: null outside a window, so
 * that a sampled operation there loads a field of its own map and branches; inside, the map's
 * per-thread cells, into which it counts exactly as {@link Counting#EXACT} does, adding the
 * window's weight instead of one.
 *
 * <p>Time is cut into cycles of {@code C} ({@value #DEFAULT_CYCLE_MICROS} µs by default). Each
 * cycle has one window of {@code C/k} ({@code k} = {@value #DEFAULT_WEIGHT} by default: 250 µs,
 * 1/32 of the time) at a <em>uniformly random rotation</em> of the cycle, wrapping around its end
 * ({@link WindowSchedule}). This is stratified random sampling of time, one sample per cycle.
 * Systematic sampling (a fixed offset in every cycle, or a fixed period) would alias with load of
 * the same period; a fresh rotation per cycle samples every instant with probability exactly
 * {@code 1/k}, whatever the load's period or phase.
 *
 * <h2>The estimator</h2>
 *
 * A counter's estimate is the sum, over the operations counted inside windows, of their window's
 * weight: {@code k} normally (Horvitz-Thompson: each operation is included with probability
 * {@code 1/k} and weighted {@code k}, so the expectation is the true count, for any load that
 * does not itself depend on where the windows fall). The weight is added at count time, so the
 * cells hold the estimate and it only grows, as a Prometheus counter must. Ratios such as the
 * miss ratio are ratios of two estimates from the same windows: load swings cancel, and their error
 * is smaller than either's.
 *
 * <p>The windows actually open differ from the plan: the sampler opens and closes them late (tens
 * of microseconds on a host with a free core, milliseconds on a saturated one), and a sampler kept
 * from running misses whole cycles. The weights absorb the difference ({@link WindowSchedule}): a
 * window's weight is sized for the close's expected lateness ({@code k · l / (l + L)}, {@code L}
 * averaged over recent windows), and what each window covered (weight times time open) beyond or
 * short of what it stood for, and the cycles a starved sampler missed, are carried as a residual
 * of which every later window pays back an eighth; so the time the windows represent tracks the
 * time elapsed ({@link #representedNanos()}) without any window's weight swinging far from its
 * share. A window is open for its planned length from the moment it actually opens, so late
 * wake-ups move windows but do not shorten them.
 *
 * <h2>Its error</h2>
 *
 * Cycles are independent strata, so the variance of an estimate is the sum over cycles of the
 * variance of the weight times one window's count:
 *
 * <ul>
 *   <li><b>Steady load</b> (operations arriving at random at rate λ): {@code k² · λ C/k} per
 *       cycle, so for {@code N} operations in all the relative standard error is {@code √(k/N)}:
 *       0.073 % for a minute at a million operations a second ({@code N} = 6·10⁷), 0.73 % for
 *       600 000 operations (10 000 a second), 7.3 % for 6 000 (100 a second).
 *   <li><b>Load changing within a cycle</b> adds, per cycle, {@code C²} times the variance of the
 *       rate over the window's possible positions. Load that switches between two rates adds
 *       about {@code C² Δλ² / 6} per switch, Δλ the jump: for load switching on and off 10 times a
 *       second (1 200 switches a minute, on half the time) the relative standard error over a
 *       minute is {@code C √(1200/6) / 30 s} = 0.38 %; for a square wave of the cycle's own
 *       period, the worst case, 1.15 %. Changes slower than a cycle cost nothing: each cycle
 *       samples its own part of the load. Threads time-sliced on an overloaded host (more runnable
 *       threads than cores) make exactly such millisecond-scale bursts: there a second's estimate
 *       can be off by tens of per cent, a minute's by a few.
 *   <li><b>Probe effect</b>: inside a window an operation costs the exact count's 1.5 to 2 ns
 *       more, so a thread doing nothing but map operations does fewer of them while sampled, and
 *       the estimate is low by that slowdown (a loop doing nothing but {@code get} on a {@code
 *       ConcurrentHashMap}, where a counted {@code get} takes about twice as long: 0.50 to 0.54 of
 *       the truth in {@code SampledMapTest}'s real-time test, 0.63 to 1.14 on a busier host; in
 *       a saturated JVM it compounds with the scheduling below: one thread doing nothing but
 *       {@code get} among busy ones had 1 s estimates down to 0.1). A thread doing one map
 *       operation per microsecond of other work is slowed by 0.2 %: the bias is the share of its
 *       time the counting takes.
 *   <li><b>Timing</b>: a window's lateness to open only moves it; its lateness to close is
 *       expected (the weight is sized for it) and what remains is carried. A sampler missing
 *       cycles because it gets no CPU has them represented by the windows after it, which
 *       extrapolate the load they see: unbiased for steady load. With the sampler 0 to 1.5 ms
 *       late at every window edge and 5 ms late at one in twenty (windows open five times their
 *       planned length, as on a host at load average 10 to 20 on 2 cores), every second's
 *       windows represent 0.97 to 1.04 s; with rare 50 ms stalls, 0.76 to 1.26 s (simulated,
 *       {@code SampledCountingTest}). Paying back each late close at once, as a first version
 *       did, gave 0.91 to 1.10 and 0.27 to 1.73: one late close then cost the following windows
 *       their weight (clamped at 1) for up to a second.
 *   <li><b>Saturated hosts</b> (more runnable threads than cores): the windows are timed right
 *       but no longer sample time at random. The sampler's wake-ups, to open and to close, wait
 *       for a core and then take one where the scheduler switches threads anyway, so a 250 µs
 *       window samples "which threads the scheduler runs next", and a thread counting in a
 *       window depends on its place in the run queue, which persists for many windows. Measured
 *       with {@code nproc} counting threads among {@code 3 · nproc} busy ones in the JVM (2
 *       cores, load average 10 to 20): estimates over 3 s at 0.4 to 1.2 of the truth (mean
 *       0.78 over 24 s; 0.16 to 1.26 and 0.80 before the timing change above, so that change
 *       improves the time represented, not this), 1 s estimates at 0.1 to 2.8. No
 *       bound of a few per cent over seconds holds there, and none can for windows in wall time
 *       at a 1/32 share: with one thread scheduled in slices of milliseconds, 250 windows a
 *       second are at best 250 independent looks at whether it runs (a relative error of
 *       {@code √((1 - s) / (250 s))} per second for a thread running a share {@code s} of the
 *       time: 14 % at {@code s} = 0.17), before the correlation above. Longer windows at the
 *       same share look fewer times: with 1, 4 and 16 ms windows (cycles of 32, 128, 512 ms) one thread's 2 s
 *       estimates spread over 0.27 to 1.96, 0.43 to 1.78 and 0.47 to 1.40, against 0.87 to 1.18
 *       with the default in the same run; windows long against the scheduler's period (tens of
 *       milliseconds at that load) would need cycles of seconds. What is tested ({@code
 *       SampledMapTest}): the windows represent the time elapsed within 25 %, the miss ratio is
 *       right within 0.05 (hits and misses see the same windows), the estimate is of the right
 *       order. Use {@link Counting#EXACT} for maps whose counts matter over seconds on hosts that
 *       run saturated. Prototyped, not built (in a scratch program, same load, 8 intervals
 *       of 3 s): windows whose edges the counting threads read from the clock ({@code
 *       System.nanoTime()} every eighth operation while the gate is armed), armed by the sampler
 *       2 ms ahead, came out high instead (means 1.16 to 1.69): a sampler's wake-up disturbs the
 *       schedule for milliseconds after it, so no window may fall near one; with no wake-ups at
 *       all (the gate always armed, windows at precomputed random times) the mean was 1.00 and
 *       1.02 with 3 s estimates at 0.67 to 1.28, the scheduling floor above, but every operation
 *       then pays a per-thread lookup, which is what sampling is for avoiding. What works, also
 *       prototyped: the same windows, each counting thread's in-window count scaled by its CPU
 *       time in all over its CPU time inside windows (read by the sampler at each window edge
 *       with {@code ThreadMXBean.getThreadCpuTime}, about 0.5 µs a thread): 3 s estimates at
 *       0.94 to 0.97 and 0.975 to 0.99 of the truth, 1 s estimates of one thread among six
 *       spinners at 0.82 to 1.15 (mostly 0.98 to 1.0). That is a ratio taken at read time:
 *       the in-window count divided by the in-window CPU time of the same interval. Applying
 *       the per-thread weight at count time instead (weights predicted from past windows with a
 *       per-thread carry, as here in wall time: the form that keeps cells monotone for free) was
 *       tried and does not work: a thread is on a CPU in few windows, so its weight spikes and
 *       the estimates swung from 0.64 to 2.1 over 1 s and 0.72 to 2.0 over 3 s. Not built: it
 *       needs raw per-thread in-window counts, a registry of counting threads with their CPU
 *       clocks read at window edges (0.25 ms a second per thread at 250 windows a second, to be
 *       bounded for JVMs with hundreds), and a read side that keeps counters monotone while the
 *       ratios move.
 * </ul>
 *
 * <p>Cost: outside windows one load and one branch per operation; inside (1/{@code k} of the
 * time; on a saturated host, where windows close late, up to a fifth) the exact count's 1.5 to 2
 * ns. The sampler wakes twice per window (250 windows a second by default), a few microseconds
 * each, plus one field write per live sampled map at each edge (measured in {@code
 * bench/RESULTS.md}). Tunable with {@value #CYCLE_PROPERTY} (the cycle in
 * microseconds, 100 to 1 000 000) and {@value #WEIGHT_PROPERTY} ({@code k}, 2 to 1 024; keep the
 * window {@code C/k} well above the ~50 µs timer slack of a parked thread).
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

        static final Sampler INSTANCE = startSampler();

        final WindowSchedule schedule;
        final AtomicLong openNanos = new AtomicLong();
        final AtomicLong representedNanos = new AtomicLong();
        final long startedNanos = System.nanoTime();
        private boolean failed;

        private Sampler(WindowSchedule schedule) {
            this.schedule = schedule;
        }

        private static Sampler startSampler() {
            long cycle = TimeUnit.MICROSECONDS.toNanos(
                    IntProperty.read(CYCLE_PROPERTY, DEFAULT_CYCLE_MICROS, 100, 1_000_000, LOG));
            int weight = IntProperty.read(WEIGHT_PROPERTY, DEFAULT_WEIGHT, 2, 1024, LOG);
            if (cycle / weight < 1_000) {
                LOG.log(Level.WARNING, "mapwatch: sampling window of " + cycle / weight + " ns is shorter than 1 us; using -D"
                        + CYCLE_PROPERTY + "=" + DEFAULT_CYCLE_MICROS + " -D" + WEIGHT_PROPERTY + "=" + DEFAULT_WEIGHT);
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
            } catch (RuntimeException | Error e) { // e.g. no more native threads: never harm the host
                LOG.log(Level.WARNING, "mapwatch: cannot start the sampler thread (" + e
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
                } catch (Throwable t) { // never let sampling die silently, never leave a window open
                    WindowTargets.close();
                    if (!failed) {
                        failed = true;
                        LOG.log(Level.WARNING, "mapwatch: the sampler failed (" + t + "); sampled counts may be low", t);
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
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                Thread.interrupted(); // an interrupt must not turn parking into spinning
                LockSupport.parkNanos(left);
            }
        }
    }
}
