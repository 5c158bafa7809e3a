package dev.mapwatch.bpf.metrics;

import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A histogram in seconds built from bpftrace's cumulative power-of-two {@code hist()} of
 * microseconds. The exported buckets are fixed, a factor of 4 apart (1 us, 4 us, ... 4^16 us,
 * about 72 min, then +Inf), so every series has the same stable {@code le} values; a bpftrace
 * bucket [2^j, 2^(j+1)-1] falls exactly into one of them.
 */
public final class HistogramFamily implements Family {

    private static final int BOUNDS = 17;
    private static final double[] UPPER_BOUNDS_SECONDS = upperBounds();

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, long[]> counts = new ConcurrentHashMap<>();
    private final Map<List<String>, Double> sums = new ConcurrentHashMap<>();

    public HistogramFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    /** Replaces a series' buckets with cumulative bpftrace histograms of microseconds (several keys folded into one label are added). */
    public void setMicros(List<String> labelValues, Iterable<List<HistBucket>> histograms) {
        long[] perBucket = new long[BOUNDS + 1];
        for (List<HistBucket> buckets : histograms) {
            for (HistBucket b : buckets) {
                perBucket[index(b.max())] += b.count();
            }
        }
        counts.merge(List.copyOf(labelValues), perBucket, HistogramFamily::larger);
    }

    /** Sets a series' cumulative sum, from a bpftrace {@code sum()} of microseconds. */
    public void setSumMicros(List<String> labelValues, long micros) {
        sums.merge(List.copyOf(labelValues), micros / 1e6, Math::max);
    }

    /** The total count of a series. */
    public long count(List<String> labelValues) {
        long[] c = counts.get(labelValues);
        return c == null ? 0 : java.util.Arrays.stream(c).sum();
    }

    @Override
    public HistogramSnapshot snapshot() {
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
        counts.forEach(
                (labels, perBucket) ->
                        builder.dataPoint(
                                HistogramDataPointSnapshot.builder()
                                        .labels(Labels.of(labelNames, labels))
                                        .classicHistogramBuckets(
                                                ClassicHistogramBuckets.of(
                                                        UPPER_BOUNDS_SECONDS, perBucket))
                                        .sum(sums.getOrDefault(labels, 0.0))
                                        .build()));
        return builder.build();
    }

    // A cumulative histogram only grows: keep the newer one unless it has fewer observations
    // (the all-zero print bpftrace makes after clear() at exit).
    private static long[] larger(long[] old, long[] added) {
        return java.util.Arrays.stream(added).sum() >= java.util.Arrays.stream(old).sum()
                ? added
                : old;
    }

    /** Bucket of values up to {@code maxMicros}: bit length rounded up to even, halved. */
    static int index(long maxMicros) {
        if (maxMicros < 0) {
            return 0;
        }
        int bits = 64 - Long.numberOfLeadingZeros(maxMicros);
        return Math.min((bits + 1) / 2, BOUNDS);
    }

    private static double[] upperBounds() {
        double[] bounds = new double[BOUNDS + 1];
        for (int k = 0; k < BOUNDS; k++) {
            bounds[k] = Math.pow(4, k) / 1e6;
        }
        bounds[BOUNDS] = Double.POSITIVE_INFINITY;
        return bounds;
    }
}
