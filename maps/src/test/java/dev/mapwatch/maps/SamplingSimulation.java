package dev.mapwatch.maps;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * Sampled counting under a simulated clock, so that a minute of load at a million operations a
 * second runs in a fraction of a second: the windows come from the real {@link WindowSchedule}
 * (with a seeded random source), the operations from a {@link Load} drawn microsecond by
 * microsecond (Poisson arrivals at the load's rate), and every operation inside a window adds the
 * weight, as {@link MapCounters} does.
 */
final class SamplingSimulation {

    /** The load: operations per microsecond at a time, and whether an operation hits. */
    interface Load {
        double opsPerMicro(long micros);

        default boolean hit(SplittableRandom random, long micros) {
            return random.nextBoolean();
        }
    }

    /** How late the simulated sampler wakes up, in nanoseconds, for each window edge. */
    interface Lateness {
        long nanos(SplittableRandom random);

        Lateness NONE = random -> 0;
    }

    /** True counts, the estimates, and the time the windows represent (weight times open time) per time elapsed. */
    record Result(
            long hits,
            long misses,
            long estimatedHits,
            long estimatedMisses,
            double representedShare) {

        long lookups() {
            return hits + misses;
        }

        long estimatedLookups() {
            return estimatedHits + estimatedMisses;
        }

        double lookupError() {
            return relative(estimatedLookups(), lookups());
        }

        double hitError() {
            return relative(estimatedHits, hits);
        }

        double missError() {
            return relative(estimatedMisses, misses);
        }

        double missRatio() {
            return (double) misses / lookups();
        }

        double estimatedMissRatio() {
            return (double) estimatedMisses / estimatedLookups();
        }

        private static double relative(long estimate, long truth) {
            return (double) (estimate - truth) / truth;
        }
    }

    private SamplingSimulation() {}

    /** {@code seconds} of {@code load} under the default windows (8 ms cycles, weight 32). */
    static Result run(double seconds, Load load, long seed) {
        return run(
                seconds,
                load,
                seed,
                SamplingWindows.DEFAULT_CYCLE_MICROS * 1_000L,
                SamplingWindows.DEFAULT_WEIGHT,
                Lateness.NONE,
                null);
    }

    /**
     * @param rotations the windows' rotations, uniform in {@code [0, bound)}; null for a random
     *     source seeded with {@code seed}, as the sampler has
     */
    static Result run(
            double seconds,
            Load load,
            long seed,
            long cycleNanos,
            int weight,
            Lateness lateness,
            LongUnaryOperator rotations) {
        long end = (long) (seconds * 1e9);
        long[] arcs =
                windows(
                        end,
                        rotations != null ? rotations : new SplittableRandom(seed)::nextLong,
                        cycleNanos,
                        weight,
                        lateness,
                        new SplittableRandom(seed * 17 + 3));
        SplittableRandom ops = new SplittableRandom(seed * 31 + 7);
        long hits = 0;
        long misses = 0;
        long sampledHits = 0;
        long sampledMisses = 0;
        long represented = 0;
        for (int i = 0; i < arcs.length; i += 3) {
            represented += arcs[i + 2] * Math.max(0, Math.min(end, arcs[i + 1]) - arcs[i]);
        }
        int arc = 0;
        for (long micro = 0; micro * 1_000 < end; micro++) {
            long now = micro * 1_000;
            while (arc < arcs.length && now >= arcs[arc + 1]) {
                arc += 3;
            }
            long w = arc < arcs.length && now >= arcs[arc] ? arcs[arc + 2] : 0;
            int n = poisson(ops, load.opsPerMicro(micro));
            for (int i = 0; i < n; i++) {
                if (load.hit(ops, micro)) {
                    hits++;
                    sampledHits += w;
                } else {
                    misses++;
                    sampledMisses += w;
                }
            }
        }
        return new Result(hits, misses, sampledHits, sampledMisses, (double) represented / end);
    }

    /**
     * The windows as the sampler thread opens them, sorted {@code [open, close, weight]} triples up
     * to {@code end}: it sleeps until each planned arc's start and wakes {@code lateness} after it (or at
     * once, when it is behind), keeps the arc open for its planned length at the weight the schedule gives it and closes it
     * {@code lateness} after that (the later of the sampler and a counting thread), reports what
     * was open to the schedule, and skips (and carries) the cycles it fell more than a cycle behind
     * on.
     */
    static long[] windows(
            long end,
            LongUnaryOperator rotations,
            long cycleNanos,
            int weight,
            Lateness lateness,
            SplittableRandom late) {
        WindowSchedule schedule = new WindowSchedule(cycleNanos, weight, rotations);
        long[] arcs = new long[48];
        int count = 0;
        long now = 0;
        for (long start = 0; start < end; ) {
            long[] plan = schedule.plan(start);
            for (int i = 0; i < plan.length; i += 2) {
                long planned = plan[i + 1] - plan[i];
                long opened = now >= plan[i] ? now : plan[i] + lateness.nanos(late);
                int arcWeight = schedule.weightOf(planned);
                long closed = opened + planned + lateness.nanos(late);
                schedule.closed(planned, closed - opened, arcWeight);
                now = closed;
                if (count == arcs.length) {
                    arcs = Arrays.copyOf(arcs, 2 * count);
                }
                arcs[count++] = opened;
                arcs[count++] = closed;
                arcs[count++] = arcWeight;
            }
            start = schedule.next(start, now);
        }
        return Arrays.copyOf(arcs, count);
    }

    /**
     * The time the windows {@code arcs} (as {@link #windows} gives them) represent in each whole
     * second up to {@code end}, per second elapsed: each arc's weight times its open time in it.
     */
    static double[] representedPerSecond(long[] arcs, long end) {
        long second = 1_000_000_000L;
        double[] represented = new double[(int) (end / second)];
        for (int i = 0; i < arcs.length; i += 3) {
            for (long t = arcs[i]; t < Math.min(end, arcs[i + 1]); ) {
                int s = (int) (t / second);
                long until = Math.min(Math.min(end, arcs[i + 1]), (s + 1) * second);
                represented[s] += arcs[i + 2] * (double) (until - t) / second;
                t = until;
            }
        }
        return represented;
    }

    private static double lastMean = -1;
    private static double lastLimit;

    /** A Poisson draw of small mean (Knuth's product of uniforms). */
    private static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean != lastMean) { // the load's rate changes rarely: spare an exp per microsecond
            lastLimit = Math.exp(-mean);
            lastMean = mean;
        }
        double limit = lastLimit;
        int n = 0;
        for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
            n++;
        }
        return n;
    }
}
