package dev.mapwatch.maps;

import java.util.function.LongUnaryOperator;

/**
 * Where the sampling windows of each cycle fall and what each weighs ({@link SamplingWindows}): a
 * pure plan, so that the sampler thread and tests with a simulated clock use the same code.
 *
 * <p>Each cycle of {@code cycleNanos} has one window of {@code cycleNanos / weight} nanoseconds at
 * a uniformly random rotation of the cycle: a window running past the cycle's end wraps around to
 * its start, so it may be two arcs. Every instant of the cycle is therefore inside the window with
 * probability exactly {@code 1 / weight}, whatever the load does.
 *
 * <p>An arc of planned length {@code l} stands for {@code weight · l} of time. The arcs actually
 * open differ from the plan: they close late (the sampler wakes late to close them; on a host with
 * more runnable threads than cores, by milliseconds, ten times a window's length), and a sampler
 * kept from running misses whole cycles. Two corrections keep the time represented equal to the
 * time elapsed without swinging the weights:
 *
 * <ul>
 *   <li><b>Expected lateness.</b> An arc's weight is set when it opens, before its close is known,
 *       so it is sized for the close's expected lateness {@code L}, an average over recent arcs
 *       (gain 1/{@value #LATENESS_GAIN}): {@code weight · l / (l + L)}. Where the sampler is
 *       punctual {@code L} is near zero and the weight is {@code weight}; on a saturated host the
 *       windows are longer and each weighs less, by about as much.
 *   <li><b>Spread carry.</b> What an arc actually covered ({@code its weight · its open time})
 *       minus what it stood for is kept as a residual, in nanoseconds, and so are the cycles a
 *       starved sampler missed; each arc then pays back (or catches up) 1/{@value #CARRY_SPREAD}
 *       of the residual: {@code (weight · l + residual / }{@value #CARRY_SPREAD}{@code ) / (l +
 *       L)}, at least 1. Paying it all back in the next arc (the first design) made one window
 *       closed 20 ms late cost the next hundreds of windows their weight (clamped at 1): for
 *       seconds the estimate read 1 % to 30 % of the truth, then jumped. Spread, the residual
 *       decays geometrically and no window's weight collapses.
 * </ul>
 */
final class WindowSchedule {

    /** The largest weight of one window: a sampler starved for minutes must not overflow. */
    static final int MAX_WEIGHT = 1 << 20;

    private final long cycleNanos;
    private final int weight;
    private final long windowNanos;

    /** The weight of a stretched arc is sized for the lateness averaged with this inverse gain. */
    static final int LATENESS_GAIN = 8;

    /** Each arc pays back this inverse share of the residual. */
    static final int CARRY_SPREAD = 8;

    /** The most one arc's lateness adds to the average, in windows. */
    static final int MAX_LATENESS_WINDOWS = 8;

    private final LongUnaryOperator random;
    private long residualNanos;

    /** The expected lateness of an arc's close, an exponential average over recent arcs. */
    private double latenessNanos;

    /**
     * @param random uniform in {@code [0, bound)} for a positive {@code bound}: the source of the
     *     windows' rotations
     */
    WindowSchedule(long cycleNanos, int weight, LongUnaryOperator random) {
        if (weight < 2 || weight > MAX_WEIGHT || cycleNanos / weight < 1) {
            throw new IllegalArgumentException(
                    "cycle " + cycleNanos + " ns cannot hold a window of 1/" + weight);
        }
        this.cycleNanos = cycleNanos;
        this.weight = weight;
        this.windowNanos = cycleNanos / weight;
        this.random = random;
    }

    long cycleNanos() {
        return cycleNanos;
    }

    /** The nominal weight {@code k}: the inverse of the share of time sampled. */
    int weight() {
        return weight;
    }

    long windowNanos() {
        return windowNanos;
    }

    /**
     * The window of the cycle starting at {@code start}: {@code [open, close)} pairs of absolute
     * times, one pair or two (wrapped), sorted, within {@code [start, start + cycleNanos)}.
     */
    long[] plan(long start) {
        long rotation = random.applyAsLong(cycleNanos);
        long end = rotation + windowNanos;
        if (end <= cycleNanos) {
            return new long[] {start + rotation, start + end};
        }
        return new long[] {start, start + end - cycleNanos, start + rotation, start + cycleNanos};
    }

    /** The weight of an arc of planned length {@code plannedNanos} opening now. */
    int weightOf(long plannedNanos) {
        double stands = weight * (double) plannedNanos + (double) residualNanos / CARRY_SPREAD;
        double w = Math.rint(stands / (plannedNanos + latenessNanos));
        return (int) Math.max(1, Math.min(MAX_WEIGHT, w));
    }

    /**
     * Reports an arc planned {@code plannedNanos} long that was open {@code openNanos} at weight
     * {@code arcWeight}: what it covered beyond or short of what it stood for is carried.
     */
    void closed(long plannedNanos, long openNanos, int arcWeight) {
        residualNanos += weight * plannedNanos - arcWeight * openNanos;
        // one stall (a sampler descheduled for 50 ms) must not shrink the next windows' weights:
        // a sample counts for at most a few windows' length; the residual carries the rest
        double late =
                Math.min(MAX_LATENESS_WINDOWS * windowNanos, Math.max(0, openNanos - plannedNanos));
        latenessNanos += (late - latenessNanos) / LATENESS_GAIN;
    }

    /** The expected lateness of an arc's close, in nanoseconds. */
    double latenessNanos() {
        return latenessNanos;
    }

    /**
     * The start of the cycle after the one starting at {@code start}, the sampler's clock reading
     * {@code now}. When the sampler fell more than a cycle behind (it was not scheduled), the
     * cycles it missed are skipped and carried, to be represented by the next window.
     */
    long next(long start, long now) {
        long next = start + cycleNanos;
        long behind = now - next;
        if (behind > cycleNanos) {
            long missed = behind / cycleNanos;
            residualNanos += missed * cycleNanos;
            next += missed * cycleNanos;
        }
        return next;
    }

    /** Time not yet represented by any window (negative: represented too much so far). */
    long residualNanos() {
        return residualNanos;
    }
}
