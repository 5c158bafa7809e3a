package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code mapwatch.MapLockWait}: contended acquisitions of a map's lock above the threshold, by
 * {@code mode} (read or write), as the timer {@value MapTimers#LOCK_CONTENTION}: the map-level twin of {@code
 * mapwatch.lock.contention}. Maps bounded to the top N by waiting time.
 */
final class MapLockWaitHandler implements JfrEventHandler {

    private final Duration threshold;
    private final MapTimers timers;

    MapLockWaitHandler(MapTimers timers, Duration threshold) {
        this.threshold = threshold;
        this.timers = timers;
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
        String mode = "read".equals(event.getString("mode")) ? "read" : "write";
        timers.record(MapLabels.of(event), mode, event.getDuration());
    }
}
