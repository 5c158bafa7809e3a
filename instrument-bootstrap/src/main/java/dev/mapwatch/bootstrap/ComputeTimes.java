package dev.mapwatch.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often, and for how long, the mapping functions of one map name and class ran: the time a
 * {@code computeIfAbsent}, {@code compute}, {@code computeIfPresent} or {@code merge} function
 * held the map's bin lock. Every run counts, its time measured with two {@link System#nanoTime()}
 * reads (bench/RESULTS.md section 6 gives what that costs a {@code merge}).
 *
 * <p>The maximum is that of a window: the largest run since the window before last was closed.
 * The reader closes a window when it is at least {@link #WINDOW_NANOS} old, so a maximum stays
 * visible for between one and two windows, as Micrometer's decaying {@code max} does.
 */
final class ComputeTimes {

    /** How long a maximum stays in its window: 30 s. */
    static final long WINDOW_NANOS = 30_000_000_000L;

    private final LongAdder runs = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final AtomicLong current = new AtomicLong();
    private volatile long previous;
    private long windowStart = System.nanoTime(); // guarded by this

    /** One run of a mapping function that took {@code elapsed} nanoseconds. */
    void record(long elapsed) {
        runs.increment();
        nanos.add(elapsed);
        if (elapsed > current.get()) { // a read of a line written rarely: the common case
            current.accumulateAndGet(elapsed, Math::max);
        }
    }

    long runs() {
        return runs.sum();
    }

    long nanos() {
        return nanos.sum();
    }

    /** The longest run of this window and the one before; closes the window when it is old enough. */
    synchronized long maxNanos() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            previous = current.getAndSet(0);
            windowStart = now;
        }
        return Math.max(previous, current.get());
    }
}
