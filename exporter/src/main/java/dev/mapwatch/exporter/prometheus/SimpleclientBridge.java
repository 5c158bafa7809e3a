package dev.mapwatch.exporter.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Serves mapwatch's meters from a legacy Prometheus {@code simpleclient} 0.16 {@link
 * CollectorRegistry}, for applications that have not moved to the Prometheus Java client 1.x.
 *
 * <pre>{@code
 * PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * JfrMetrics.builder().build().bindTo(meters);
 * SimpleclientBridge.register(meters, CollectorRegistry.defaultRegistry);
 * }</pre>
 *
 * <p>On every collection the bridge scrapes the 1.x registry behind Micrometer's Prometheus
 * registry and converts its snapshots, so names, labels, help and values are exactly those of
 * mapwatch's own {@code /metrics}: counters, gauges, histograms (cumulative {@code le} buckets,
 * {@code _count}, {@code _sum}), summaries ({@code _count}, {@code _sum}, quantiles) and info
 * metrics. Only families whose name starts with {@value #PREFIX} are bridged, so meters of the
 * application sharing the Micrometer registry are not exported twice. {@code simpleclient} is an
 * optional dependency of the exporter: the application brings its own.
 */
public final class SimpleclientBridge extends Collector {

    /** The name prefix of the bridged families. */
    public static final String PREFIX = "mapwatch_";

    private final PrometheusRegistry source;
    private final Predicate<String> includeName;

    private SimpleclientBridge(PrometheusRegistry source, Predicate<String> includeName) {
        this.source = Objects.requireNonNull(source, "source");
        this.includeName = includeName;
    }

    /** Registers mapwatch's families of {@code source} into {@code target} and returns the bridge (to unregister it later). */
    public static SimpleclientBridge register(
            PrometheusMeterRegistry source, CollectorRegistry target) {
        SimpleclientBridge bridge = of(source.getPrometheusRegistry());
        target.register(bridge);
        return bridge;
    }

    /** A bridge over mapwatch's families of a Prometheus 1.x registry, not yet registered anywhere. */
    public static SimpleclientBridge of(PrometheusRegistry source) {
        return new SimpleclientBridge(source, name -> name.startsWith(PREFIX));
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        for (MetricSnapshot snapshot : source.scrape(includeName)) {
            MetricFamilySamples family = convert(snapshot);
            if (family != null) {
                families.add(family);
            }
        }
        return families;
    }

    private static @Nullable MetricFamilySamples convert(MetricSnapshot snapshot) {
        MetricMetadata metadata = snapshot.getMetadata();
        String name = metadata.getPrometheusName();
        String help = metadata.getHelp() == null ? "" : metadata.getHelp();
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        Type type;
        if (snapshot instanceof CounterSnapshot counter) {
            type = Type.COUNTER;
            for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
                samples.add(sample(name + "_total", point, point.getValue()));
            }
        } else if (snapshot instanceof GaugeSnapshot gauge) {
            type = Type.GAUGE;
            for (GaugeSnapshot.GaugeDataPointSnapshot point : gauge.getDataPoints()) {
                samples.add(sample(name, point, point.getValue()));
            }
        } else if (snapshot instanceof HistogramSnapshot histogram) {
            type = Type.HISTOGRAM;
            for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
                long cumulative = 0;
                for (ClassicHistogramBucket bucket : point.getClassicBuckets()) {
                    cumulative += bucket.getCount();
                    samples.add(
                            sample(
                                    name + "_bucket",
                                    point.getLabels()
                                            .add("le", doubleToGoString(bucket.getUpperBound())),
                                    cumulative));
                }
                addCountAndSum(
                        samples,
                        name,
                        point.getLabels(),
                        point.hasCount(),
                        point.getCount(),
                        point.hasSum(),
                        point.getSum());
            }
        } else if (snapshot instanceof SummarySnapshot summary) {
            type = Type.SUMMARY;
            for (SummarySnapshot.SummaryDataPointSnapshot point : summary.getDataPoints()) {
                for (Quantile quantile : point.getQuantiles()) {
                    samples.add(
                            sample(
                                    name,
                                    point.getLabels()
                                            .add(
                                                    "quantile",
                                                    doubleToGoString(quantile.getQuantile())),
                                    quantile.getValue()));
                }
                addCountAndSum(
                        samples,
                        name,
                        point.getLabels(),
                        point.hasCount(),
                        point.getCount(),
                        point.hasSum(),
                        point.getSum());
            }
        } else if (snapshot instanceof InfoSnapshot info) {
            type = Type.INFO;
            for (InfoSnapshot.InfoDataPointSnapshot point : info.getDataPoints()) {
                samples.add(sample(name + "_info", point, 1));
            }
        } else {
            return null; // state sets and unknown types: mapwatch exports none
        }
        return new MetricFamilySamples(name, type, help, samples);
    }

    private static void addCountAndSum(
            List<MetricFamilySamples.Sample> samples,
            String name,
            Labels labels,
            boolean hasCount,
            long count,
            boolean hasSum,
            double sum) {
        if (hasCount) {
            samples.add(sample(name + "_count", labels, count));
        }
        if (hasSum) {
            samples.add(sample(name + "_sum", labels, sum));
        }
    }

    private static MetricFamilySamples.Sample sample(
            String name, DataPointSnapshot point, double value) {
        return sample(name, point.getLabels(), value);
    }

    private static MetricFamilySamples.Sample sample(String name, Labels labels, double value) {
        List<String> names = new ArrayList<>(labels.size());
        List<String> values = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            names.add(labels.getPrometheusName(i));
            values.add(labels.getValue(i));
        }
        return new MetricFamilySamples.Sample(name, names, values, value);
    }
}
