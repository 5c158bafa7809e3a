package dev.mapwatch.bpf.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A gauge family whose series are set by the runner. */
public final class GaugeFamily implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Double> values = new ConcurrentHashMap<>();

    public GaugeFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    public void set(List<String> labelValues, double value) {
        values.put(List.copyOf(labelValues), value);
    }

    @Override
    public GaugeSnapshot snapshot() {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        values.forEach(
                (labels, value) ->
                        builder.dataPoint(
                                GaugeDataPointSnapshot.builder()
                                        .labels(Labels.of(labelNames, labels))
                                        .value(value)
                                        .build()));
        return builder.build();
    }
}
