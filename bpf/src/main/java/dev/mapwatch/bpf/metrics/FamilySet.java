package dev.mapwatch.bpf.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The families of one run, collected together by the Prometheus registry. */
public final class FamilySet implements MultiCollector {

    private final List<Family> families = new CopyOnWriteArrayList<>();

    /** Adds a family and returns it. */
    public <F extends Family> F add(F family) {
        families.add(family);
        return family;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder builder = MetricSnapshots.builder();
        for (Family f : families) {
            MetricSnapshot snapshot = f.snapshot();
            if (!snapshot.getDataPoints().isEmpty()) {
                builder.metricSnapshot(snapshot);
            }
        }
        return builder.build();
    }
}
