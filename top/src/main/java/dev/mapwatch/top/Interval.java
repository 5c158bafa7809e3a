package dev.mapwatch.top;

import java.util.Map;

/**
 * Two scrapes of one endpoint {@code seconds} apart, and the rates of counters between them.
 * As Prometheus's {@code increase()}: a series that went down was reset (the agent restarted), so
 * its whole new value is the increase; a series missing from the first scrape started at zero
 * (mapwatch starts every series at zero). Gauges are read from the second scrape.
 *
 * @param before  the earlier scrape
 * @param now     the later scrape
 * @param seconds time between them, positive
 */
public record Interval(Samples before, Samples now, double seconds) {

    public Interval {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
    }

    /** Sum over the series named {@code name} whose labels include {@code labels} of their increase. */
    public double increase(String name, Map<String, String> labels) {
        double sum = 0;
        for (Sample sample : now.named(name)) {
            if (sample.labels().entrySet().containsAll(labels.entrySet())) {
                sum += increase(sample);
            }
        }
        return sum;
    }

    /** The increase of one series of the later scrape. */
    public double increase(Sample series) {
        double earlier = before.value(series.name(), series.labels());
        if (Double.isNaN(earlier)) {
            return Math.max(0, series.value());
        }
        return series.value() >= earlier ? series.value() - earlier : series.value();
    }

    /** {@link #increase(String, Map)} per second. */
    public double rate(String name, Map<String, String> labels) {
        return increase(name, labels) / seconds;
    }
}
