package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code mapwatch.MapPromotion}: how long each promotion of a {@code SYNC_MAP}'s dirty map took
 * (the count of promotions is {@code mapwatch.map.promotions}, from the statistics). Maps bounded
 * to the top N by promotion time.
 */
final class MapPromotionHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.map.promotion";

    private final MeterRegistry registry;
    private final BoundedLabelMeters<Timer> timers;

    MapPromotionHandler(MeterRegistry registry, int maxMaps) {
        this.registry = registry;
        this.timers = new BoundedLabelMeters<>(registry, maxMaps);
    }

    @Override
    public String eventName() {
        return MapEvents.PROMOTION;
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withThreshold(Duration.ZERO).withoutStackTrace();
    }

    @Override
    public void accept(RecordedEvent event) {
        MapLabels labels = MapLabels.of(event);
        timers.meterFor(
                        labels.key(),
                        event.getDuration().toNanos(),
                        label -> timer(labels.forLabel(label)))
                .record(event.getDuration());
    }

    private Timer timer(MapLabels labels) {
        return Timer.builder(NAME)
                .tags("map", labels.map(), "strategy", labels.strategy())
                .description("Time each promotion of the dirty map to the read map took (SYNC_MAP)")
                .register(registry);
    }
}
