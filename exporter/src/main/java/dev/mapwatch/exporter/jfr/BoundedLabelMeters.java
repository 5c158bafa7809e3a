package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.labels.TopNLabels;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Meters keyed by one application-controlled label value (a class name, a map name), bounded by
 * {@link TopNLabels}: the top values keep their own meter, the rest share the {@code other} meter,
 * and a value that loses its place has its meter removed from the registry.
 *
 * @param <M> the meter type
 */
final class BoundedLabelMeters<M extends Meter> {

    private final MeterRegistry registry;
    private final TopNLabels labels;
    private final Map<String, M> meters = new HashMap<>();

    BoundedLabelMeters(MeterRegistry registry, int limit) {
        this(registry, limit, TopNLabels.DEFAULT_REBALANCE_INTERVAL, System::nanoTime);
    }

    BoundedLabelMeters(
            MeterRegistry registry, int limit, Duration rebalanceInterval, LongSupplier nanoClock) {
        this.registry = registry;
        this.labels = TopNLabels.of(limit, rebalanceInterval, nanoClock, this::evict);
    }

    /**
     * The meter to record {@code weight} of {@code value} on; {@code create} makes a meter for a
     * label value ({@code value} itself or {@link TopNLabels#OTHER}).
     */
    synchronized M meterFor(String value, long weight, Function<String, M> create) {
        return meters.computeIfAbsent(labels.label(value, weight), create);
    }

    private void evict(String value) {
        M meter = meters.remove(value);
        if (meter != null) {
            registry.remove(meter);
        }
    }
}
