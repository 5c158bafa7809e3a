package dev.mapwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * A time series in bounded memory, for the report's charts: when it holds {@code capacity}
 * points, neighbours are merged pairwise (halving the resolution), keeping the earlier time and
 * combining the values with the series' merge function, so a day-long recording costs as much
 * as a minute-long one.
 */
final class Timeline {
    /** Points kept at most per series: enough for a chart as wide as a screen. */
    static final int DEFAULT_CAPACITY = 600;

    private final int capacity;
    private final DoubleBinaryOperator merge;
    private final List<TimePoint> points = new ArrayList<>();

    /** Points merged into one, doubling each time the series is halved. */
    private int stride = 1;

    private int pending;

    private Timeline(int capacity, DoubleBinaryOperator merge) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.capacity = capacity;
        this.merge = merge;
    }

    /** A series whose merged points keep the larger value (peaks survive downsampling). */
    static Timeline keepingMax(int capacity) {
        return new Timeline(capacity, Math::max);
    }

    /** A series whose merged points keep the later value. */
    static Timeline keepingLast(int capacity) {
        return new Timeline(capacity, (earlier, later) -> later);
    }

    void add(long epochMillis, double value) {
        if (pending > 0) {
            TimePoint last = points.get(points.size() - 1);
            points.set(
                    points.size() - 1,
                    new TimePoint(last.epochMillis(), merge.applyAsDouble(last.value(), value)));
        } else {
            if (points.size() == capacity) {
                halve();
            }
            points.add(new TimePoint(epochMillis, value));
        }
        pending = (pending + 1) % stride;
    }

    private void halve() {
        List<TimePoint> merged = new ArrayList<>(capacity / 2 + 1);
        for (int i = 0; i < points.size(); i += 2) {
            TimePoint a = points.get(i);
            merged.add(
                    i + 1 < points.size()
                            ? new TimePoint(
                                    a.epochMillis(),
                                    merge.applyAsDouble(a.value(), points.get(i + 1).value()))
                            : a);
        }
        points.clear();
        points.addAll(merged);
        stride *= 2;
        pending = 0;
    }

    List<TimePoint> points() {
        return List.copyOf(points);
    }
}
