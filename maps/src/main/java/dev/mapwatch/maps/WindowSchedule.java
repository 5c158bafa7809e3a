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
 * open differ from the plan: they close late (the sampler's or a counting thread's delay), and a
 * sampler kept from running misses whole cycles. What an arc actually covers ({@code its weight ·
 * its open time}) minus what it stands for is kept as a residual, in nanoseconds, and the next arc's
 * weight is raised or lowered by it: {@code round((weight · l + residual) / l)}, at least 1. So
 * the time the windows represent tracks the time elapsed, and the cycles a starved sampler missed
 * are represented by the window after them instead of being lost.
 */
final class WindowSchedule {

    /** The largest weight of one window: a sampler starved for minutes must not overflow. */
    static final int MAX_WEIGHT = 1 << 20;

    private final long cycleNanos;
    private final int weight;
    private final long windowNanos;
    private final LongUnaryOperator random;
    private long residualNanos;

    /**
     * @param random uniform in {@code [0, bound)} for a positive {@code bound}: the source of the
     *     windows' rotations
     */
    WindowSchedule(long cycleNanos, int weight, LongUnaryOperator random) {
        if (weight < 2 || weight > MAX_WEIGHT || cycleNanos / weight < 1) {
            throw new IllegalArgumentException("cycle " + cycleNanos + " ns cannot hold a window of 1/" + weight);
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
        double w = Math.rint((weight * (double) plannedNanos + residualNanos) / plannedNanos);
        return (int) Math.max(1, Math.min(MAX_WEIGHT, w));
    }

    /**
     * Reports an arc planned {@code plannedNanos} long that was open {@code openNanos} at weight
     * {@code arcWeight}: what it covered beyond or short of what it stood for is carried.
     */
    void closed(long plannedNanos, long openNanos, int arcWeight) {
        residualNanos += weight * plannedNanos - arcWeight * openNanos;
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
