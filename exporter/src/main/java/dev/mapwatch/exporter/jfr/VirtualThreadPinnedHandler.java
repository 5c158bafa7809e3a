package dev.mapwatch.exporter.jfr;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code jdk.VirtualThreadPinned} (JDK 21+): a virtual thread that blocked while pinned to its
 * carrier (in a {@code synchronized} block or native frame) longer than the threshold.
 */
final class VirtualThreadPinnedHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.virtual.thread.pinned";

    private final Duration threshold;
    private final Timer pinned;

    VirtualThreadPinnedHandler(MeterRegistry registry, Duration threshold) {
        this.threshold = threshold;
        this.pinned = Timer.builder(NAME)
                .description("Time virtual threads blocked while pinned to their carrier thread, above the threshold")
                .register(registry);
    }

    @Override
    public String eventName() {
        return "jdk.VirtualThreadPinned";
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withThreshold(threshold).withoutStackTrace();
    }

    @Override
    public void accept(RecordedEvent event) {
        pinned.record(event.getDuration());
    }
}
