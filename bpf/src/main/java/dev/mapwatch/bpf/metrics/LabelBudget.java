package dev.mapwatch.bpf.metrics;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds a label's values: the first {@code max} values admitted (heaviest first within each
 * report) keep their own series and keep them for the life of the run; every other value is
 * reported as {@value #OTHER}. Admission is sticky so cumulative counters never move from a
 * value's own series into {@code other} and back, which would look like resets.
 */
public final class LabelBudget {

    /** The label value that stands for every value over budget. */
    public static final String OTHER = "other";

    private final int max;
    private final Set<String> admitted = new LinkedHashSet<>();

    public LabelBudget(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("label budget must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** Admits what fits from one report ({@code value -> weight}) and returns its values' labels. */
    public synchronized Map<String, String> assign(Map<String, ? extends Number> weights) {
        weights.entrySet().stream()
                .sorted(
                        Comparator.comparingDouble(
                                        (Map.Entry<String, ? extends Number> e) ->
                                                e.getValue().doubleValue())
                                .reversed()
                                .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .filter(v -> !admitted.contains(v) && !OTHER.equals(v))
                .forEach(
                        v -> {
                            if (admitted.size() < max) {
                                admitted.add(v);
                            }
                        });
        Map<String, String> labels = new java.util.HashMap<>();
        for (String value : weights.keySet()) {
            labels.put(value, admitted.contains(value) ? value : OTHER);
        }
        return labels;
    }

    /** The label of {@code value} without admitting it: itself when admitted, else {@value #OTHER}. */
    public synchronized String labelOf(String value) {
        return admitted.contains(value) ? value : OTHER;
    }
}
