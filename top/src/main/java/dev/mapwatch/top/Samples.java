package dev.mapwatch.top;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The samples of one scrape, indexed by name. Lookups cost a scan of one name's samples. */
public final class Samples {

    private final Map<String, List<Sample>> byName;

    private Samples(Map<String, List<Sample>> byName) {
        this.byName = byName;
    }

    /** The samples, in the order given. */
    public static Samples of(List<Sample> samples) {
        Map<String, List<Sample>> byName = new LinkedHashMap<>();
        for (Sample sample : samples) {
            byName.computeIfAbsent(sample.name(), n -> new ArrayList<>()).add(sample);
        }
        byName.replaceAll((n, list) -> List.copyOf(list));
        return new Samples(byName);
    }

    /** The samples named {@code name}, in order of appearance; empty when none. */
    public List<Sample> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The distinct values of {@code label} among the samples named {@code name}, in order of appearance. */
    public List<String> labelValues(String name, String label) {
        return named(name).stream()
                .filter(s -> s.labels().containsKey(label))
                .map(s -> s.label(label))
                .distinct()
                .toList();
    }

    /** The names of the samples, in order of first appearance. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** Whether any sample is named {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Sum of the samples named {@code name} whose labels include {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels) {
        double sum = 0;
        for (Sample sample : named(name)) {
            if (sample.labels().entrySet().containsAll(labels.entrySet())) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /** The value of the sample named {@code name} with exactly {@code labels}, or {@code NaN}. */
    public double value(String name, Map<String, String> labels) {
        for (Sample sample : named(name)) {
            if (sample.labels().equals(labels)) {
                return sample.value();
            }
        }
        return Double.NaN;
    }
}
