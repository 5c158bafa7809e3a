package dev.mapwatch.exporter.prometheus;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flat samples, named as in the Prometheus text exposition ({@code _total}, {@code _count}, {@code
 * _sum}), read straight from a registry's snapshots ({@link #of(MetricSnapshots)}: the demo's table,
 * no text in between). A text exposition (an agent's {@code /metrics}) is read by {@code mapwatch
 * top}'s {@code dev.mapwatch.top.Exposition}, the one reader of the format in mapwatch.
 */
public final class MetricSamples {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** Whether the name is {@code wantedName} and the labels include {@code wantedLabels}. */
        public boolean matches(String wantedName, Map<String, String> wantedLabels) {
            return name.equals(wantedName)
                    && labels.entrySet().containsAll(wantedLabels.entrySet());
        }
    }

    private final List<Sample> samples;

    private MetricSamples(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * The samples of {@code snapshots} (e.g. {@code PrometheusMeterRegistry.getPrometheusRegistry().scrape()}):
     * counters as {@code <name>_total}, gauges as they are, summaries as {@code <name>_count},
     * {@code <name>_sum} and, for Micrometer's summaries, the {@code <name>_max} gauge that comes
     * with them; other types are left out.
     */
    public static MetricSamples of(MetricSnapshots snapshots) {
        List<Sample> samples = new ArrayList<>();
        for (MetricSnapshot snapshot : snapshots) {
            String name = snapshot.getMetadata().getPrometheusName();
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (Label label : point.getLabels()) {
                    labels.put(label.getName(), label.getValue());
                }
                if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
                    samples.add(new Sample(name + "_total", labels, counter.getValue()));
                } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
                    samples.add(new Sample(name, labels, gauge.getValue()));
                } else if (point instanceof SummarySnapshot.SummaryDataPointSnapshot summary) {
                    samples.add(new Sample(name + "_count", labels, summary.getCount()));
                    samples.add(new Sample(name + "_sum", labels, summary.getSum()));
                }
            }
        }
        return new MetricSamples(samples);
    }

    /** Sum of the samples named {@code name} whose labels include {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.matches(name, labels))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** Whether any sample is named {@code name}. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The samples named {@code name}. */
    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The sample named {@code name} with the largest value among those matching {@code labels}. */
    public Optional<Sample> largest(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.matches(name, labels))
                .max(Comparator.comparingDouble(Sample::value));
    }
}
