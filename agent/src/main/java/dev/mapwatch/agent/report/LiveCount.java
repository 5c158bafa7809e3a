package dev.mapwatch.agent.report;

import java.util.List;

/**
 * How many threads of one kind are alive over time, from start and end events that may arrive
 * in any order (a JFR file holds each thread's buffer in turn, not a global time order): the
 * changes are added into {@value #BUCKETS} fixed time buckets over the recording, and the count
 * at each bucket's end is their running sum. Memory is fixed; the resolution is the recording's
 * length divided by {@value #BUCKETS} (0.15 ms for a one-second recording, 0.9 s for an hour),
 * so a thread that starts and ends within one bucket is not counted in the peak.
 */
final class LiveCount {
    static final int BUCKETS = 4096;

    private final long startNanos;
    private final long widthNanos;
    private final long[] changes = new long[BUCKETS];
    private long events;

    LiveCount(long startNanos, long spanNanos) {
        this.startNanos = startNanos;
        this.widthNanos = Math.max(1, (spanNanos + BUCKETS - 1) / BUCKETS);
    }

    void change(long atNanos, int delta) {
        changes[bucket(atNanos)] += delta;
        events++;
    }

    boolean isEmpty() {
        return events == 0;
    }

    /** Started minus ended up to the end of the bucket holding {@code atNanos}. */
    long netUpTo(long atNanos) {
        long net = 0;
        for (int i = 0, last = bucket(atNanos); i <= last; i++) {
            net += changes[i];
        }
        return net;
    }

    /** The largest running count, starting from {@code baseline} alive before the first bucket. */
    long peak(long baseline) {
        long live = baseline;
        long peak = baseline;
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
        for (int i = 0; i < BUCKETS; i++) {
            live += changes[i];
            timeline.add((startNanos + (i + 1) * widthNanos) / 1_000_000, live);
        }
        return timeline.points();
    }

    private int bucket(long atNanos) {
        long index = (atNanos - startNanos) / widthNanos;
        return (int) Math.max(0, Math.min(BUCKETS - 1, index));
    }
}
