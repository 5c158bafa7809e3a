package dev.mapwatch.bpf.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter family fed either with cumulative totals read from bpftrace maps ({@link #setTotal},
 * which never lets a series go down) or with increments counted by the runner ({@link #add}).
 */
public final class CounterFamily implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Double> values = new ConcurrentHashMap<>();

    /** {@code name} without the {@code _total} suffix, which the exposition adds. */
    public CounterFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    /** Sets a series to a cumulative total; a smaller total than seen before is ignored. */
    public void setTotal(List<String> labelValues, double total) {
        values.merge(List.copyOf(labelValues), total, Math::max);
    }

    /** Adds to a series. */
    public void add(List<String> labelValues, double amount) {
        values.merge(List.copyOf(labelValues), amount, Double::sum);
    }

    /** The current value of a series (0 when absent). */
    public double value(List<String> labelValues) {
        return values.getOrDefault(labelValues, 0.0);
    }

    @Override
    public CounterSnapshot snapshot() {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        values.forEach(
                (labels, value) ->
                        builder.dataPoint(
                                CounterDataPointSnapshot.builder()
                                        .labels(Labels.of(labelNames, labels))
                                        .value(value)
                                        .build()));
        return builder.build();
    }
}
