package dev.mapwatch.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How many threads of one kind are alive over time, from start and end events that may arrive
 * in any order (a JFR file holds each thread's buffer in turn, not a global time order).
 *
 * <p>Exact while the recording has at most {@value #MAX_EXACT} starts and ends: their times are
 * kept (8 bytes each, so at most 16 MiB) and sorted once, and the count is replayed event by
 * event. Past that bound the changes are only added into {@value #BUCKETS} fixed time buckets
 * over the recording, whose running sum is the count at each bucket's end: memory stays fixed, and
 * the resolution becomes the recording's length divided by {@value #BUCKETS}, so a thread that
 * starts and ends within one bucket is then not counted in the peak.
 */
final class LiveCount {
    static final int BUCKETS = 4096;
    static final int MAX_EXACT = 1 << 21;

    private final long startNanos;
    private final long widthNanos;
    private final long[] changes = new long[BUCKETS];
    private long events;

    /** Event times as {@code nanos << 1 | 1} for a start, {@code nanos << 1} for an end; null past the bound. */
    private long[] exact = new long[1024];

    private boolean sorted;

    LiveCount(long startNanos, long spanNanos) {
        this.startNanos = startNanos;
        this.widthNanos = Math.max(1, (spanNanos + BUCKETS - 1) / BUCKETS);
    }

    void change(long atNanos, int delta) {
        changes[bucket(atNanos)] += delta;
        if (exact != null) {
            if (events == MAX_EXACT) {
                exact = null;
            } else {
                if (events == exact.length) {
                    exact = Arrays.copyOf(exact, exact.length * 2);
                }
                exact[(int) events] = atNanos << 1 | (delta > 0 ? 1 : 0);
                sorted = false;
            }
        }
        events++;
    }

    boolean isEmpty() {
        return events == 0;
    }

    /** Started minus ended up to {@code atNanos} (exactly, or up to the end of its bucket past the bound). */
    long netUpTo(long atNanos) {
        long net = 0;
        if (exact != null) {
            long[] times = sortedTimes();
            for (int i = 0; i < times.length && times[i] >>> 1 <= atNanos; i++) {
                net += delta(times[i]);
            }
            return net;
        }
        for (int i = 0, last = bucket(atNanos); i <= last; i++) {
            net += changes[i];
        }
        return net;
    }

    /** The JVM's own count of live threads at one instant. */
    record Sample(long atNanos, long live) {}

    /**
     * How many were alive before the first event, from the JVM's own samples of its live count. JFR
     * stamps a thread's start after the JVM has counted it, and its end before the JVM uncounts it:
     * a sample taken while a thread is in between counts it where the events do not yet (or no
     * longer) do. So each sample's estimate, its count minus the events' net up to it, is exact or
     * too high, and the smallest is the best; with the first sample alone the replayed peak could
     * exceed the JVM's own peak.
     */
    long baseline(List<Sample> samples) {
        List<Sample> byTime = new ArrayList<>(samples);
        byTime.sort(Comparator.comparingLong(Sample::atNanos));
        long best = Long.MAX_VALUE;
        if (exact != null) {
            long[] times = sortedTimes();
            long net = 0;
            int next = 0;
            for (Sample sample : byTime) {
                for (; next < times.length && times[next] >>> 1 <= sample.atNanos(); next++) {
                    net += delta(times[next]);
                }
                best = Math.min(best, sample.live() - net);
            }
            return best;
        }
        long[] netByBucket = new long[BUCKETS];
        long net = 0;
        for (int i = 0; i < BUCKETS; i++) {
            net += changes[i];
            netByBucket[i] = net;
        }
        for (Sample sample : byTime) {
            best = Math.min(best, sample.live() - netByBucket[bucket(sample.atNanos())]);
        }
        return best;
    }

    /** The largest running count, starting from {@code baseline} alive before the first event. */
    long peak(long baseline) {
        long live = baseline;
        long peak = baseline;
        if (exact != null) {
            // Ends sort before starts at the same instant, so a hand-over is not a peak.
            for (long time : sortedTimes()) {
                live += delta(time);
                peak = Math.max(peak, live);
            }
            return peak;
        }
        for (long c : changes) {
            live += c;
            peak = Math.max(peak, live);
        }
        return peak;
    }

    /** The running count over time, downsampled to {@link Timeline#DEFAULT_CAPACITY} points keeping peaks. */
    List<TimePoint> timeline(long baseline) {
        Timeline timeline = Timeline.keepingMax(Timeline.DEFAULT_CAPACITY);
        long live = baseline;
        if (exact != null) {
            long[] times = sortedTimes();
            int next = 0;
            for (int i = 0; i < BUCKETS; i++) {
                long bucketEnd = startNanos + (i + 1) * widthNanos;
                long highest = live;
                for (;
                        next < times.length && (times[next] >>> 1 < bucketEnd || i == BUCKETS - 1);
                        next++) {
                    live += delta(times[next]);
                    highest = Math.max(highest, live);
                }
                timeline.add(bucketEnd / 1_000_000, highest);
            }
            return timeline.points();
        }
        for (int i = 0; i < BUCKETS; i++) {
            live += changes[i];
            timeline.add((startNanos + (i + 1) * widthNanos) / 1_000_000, live);
        }
        return timeline.points();
    }

    private long[] sortedTimes() {
        if (!sorted) {
            exact = Arrays.copyOf(exact, (int) events);
            Arrays.sort(exact);
            sorted = true;
        }
        return exact;
    }

    private static int delta(long time) {
        return (time & 1) == 1 ? 1 : -1;
    }

    private int bucket(long atNanos) {
        long index = (atNanos - startNanos) / widthNanos;
        return (int) Math.max(0, Math.min(BUCKETS - 1, index));
    }
}
