package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import dev.mapwatch.exporter.labels.TopNLabels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code mapwatch.MapLockWait}: contended acquisitions of a map's lock above the threshold, by
 * {@code mode} (read or write), as the timer {@value #NAME}: the map-level twin of {@code
 * mapwatch.lock.contention}. Maps bounded to the top N by waiting time.
 */
final class MapLockWaitHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.map.lock.contention";

    private final MeterRegistry registry;
    private final Duration threshold;
    private final BoundedLabelMeters<Timer> timers;

    MapLockWaitHandler(MeterRegistry registry, Duration threshold, int maxMaps) {
        this.registry = registry;
        this.threshold = threshold;
        this.timers = new BoundedLabelMeters<>(registry, maxMaps);
    }

    @Override
    public String eventName() {
        return MapEvents.LOCK_WAIT;
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withThreshold(threshold).withoutStackTrace();
    }

    @Override
    public void accept(RecordedEvent event) {
        MapLabels labels = MapLabels.of(event);
        String mode = "read".equals(event.getString("mode")) ? "read" : "write";
        Duration waited = event.getDuration();
        timers.meterFor(labels.key() + '\u0000' + mode, waited.toNanos(), label -> timer(labels.forLabel(label), TopNLabels.OTHER.equals(label) ? TopNLabels.OTHER : mode))
                .record(waited);
    }

    private Timer timer(MapLabels labels, String mode) {
        return Timer.builder(NAME)
                .tags("map", labels.map(), "strategy", labels.strategy(), "mode", mode)
                .description("Time threads waited for a map's lock, above the threshold, by mode")
                .register(registry);
    }
}
