package dev.mapwatch.bench.overhead;

import java.util.List;

/** Mean, sample standard deviation, minimum and maximum of a few figures. */
record Summary(int count, double mean, double stdev, double min, double max) {

    static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double stdev = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0;
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return new Summary(values.size(), mean, stdev, min, max);
    }
}
