package dev.mapwatch.bpf.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** One metric family the runner exports. */
public interface Family {

    /** The family's current values. */
    MetricSnapshot snapshot();
}
