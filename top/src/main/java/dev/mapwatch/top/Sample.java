package dev.mapwatch.top;

import java.util.Map;

/**
 * One sample line of a Prometheus exposition: {@code name{labels} value}.
 *
 * @param name   the sample's name ({@code _count}, {@code _sum}, {@code _bucket} included)
 * @param labels its labels, in the order written
 * @param value  its value ({@code NaN} and infinities as written)
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    /** The value of {@code label}, or {@code ""} when the sample has none. */
    public String label(String label) {
        return labels.getOrDefault(label, "");
    }
}
