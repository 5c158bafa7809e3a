package dev.mapwatch.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often, and for how long, the mapping functions of one map name and class ran: the time a
 * {@code computeIfAbsent}, {@code compute}, {@code computeIfPresent} or {@code merge} function
 * held the map's bin lock. Every run is counted; which runs are timed is chosen by cost, as two
 * {@link System#nanoTime()} reads cost about 60 ns on a KVM guest, which would be 70 % of a counted
 * {@code merge} (bench/RESULTS.md section 6):
 *
 * <ul>
 *   <li>every {@code computeIfAbsent} load (a miss: the case slow loaders are about);
 *   <li>every run of the others while the site's functions are slow: from the second timed run in
 *       a row of at least {@value #SLOW_NANOS} ns (one alone may be a preemption) until the next
 *       faster one;
 *   <li>otherwise one run in {@value #SAMPLING_INTERVAL} per thread (its first included), which
 *       stands for {@value #SAMPLING_INTERVAL} in the total (a slow one for itself only): an
 *       estimate, for functions that are fast, where the total matters least.
 * </ul>
 *
 * <p>The maximum is that of a window: the largest timed run since the window before last was
 * closed. The reader closes a window when it is at least {@link #WINDOW_NANOS} old, so a maximum
 * stays visible for between one and two windows, as Micrometer's decaying {@code max} does.
 */
final class ComputeTimes {

    /** How long a maximum stays in its window: 30 s. */
    static final long WINDOW_NANOS = 30_000_000_000L;

    /** A run this long makes its site time every run. */
    static final long SLOW_NANOS = 1_000;

    /** A thread times one run in this many of a fast function. */
    static final int SAMPLING_INTERVAL = 16;

    private final LongAdder runs = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final AtomicLong current = new AtomicLong();
    private volatile long previous;

    /** Timed runs in a row of at least {@link #SLOW_NANOS}: racy, written only when it changes. */
    private int slowInARow;

    private volatile boolean slow;
    private long windowStart = System.nanoTime(); // guarded by this

    /**
     * What the next run stands for in the total when timed ({@code 1}, or {@link
     * #SAMPLING_INTERVAL}), or 0 when it is not timed.
     */
    long weightOfNextRun(boolean alwaysTimed, FunctionPool thread) {
        if (alwaysTimed || slow) {
            return 1;
        }
        return thread.sampleNext() ? SAMPLING_INTERVAL : 0;
    }

    /** One run of a mapping function that took {@code elapsed} nanoseconds, timed with {@code weight} (0: not timed). */
    void record(long elapsed, long weight) {
        runs.increment();
        if (weight == 0) {
            return;
        }
        // A slow run counts once: from now on the site times every run, so it stands for no others.
        nanos.add(elapsed >= SLOW_NANOS ? elapsed : elapsed * weight);
        if (elapsed > current.get()) { // a read of a line written rarely: the common case
            current.accumulateAndGet(elapsed, Math::max);
        }
        if (elapsed >= SLOW_NANOS) {
            if (++slowInARow >= 2 && !slow) {
                slow = true;
            }
        } else if (slowInARow != 0) {
            slowInARow = 0;
            slow = false;
        }
    }

    long runs() {
        return runs.sum();
    }

    long nanos() {
        return nanos.sum();
    }

    /** The longest timed run of this window and the one before; closes the window when it is old enough. */
    synchronized long maxNanos() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            previous = current.getAndSet(0);
            windowStart = now;
        }
        return Math.max(previous, current.get());
    }
}
