package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code jdk.VirtualThreadPinned} (JDK 21+): a virtual thread that blocked while pinned to its
 * carrier (in a {@code synchronized} block or native frame) longer than the threshold. Where the
 * event has a stack trace and it runs inside a map (JDK 21 to 23: a mapping function that blocks
 * while it holds the map's bin lock pins its carrier), the time also counts on the map ({@value
 * MapTimers#PINNED}); from JDK 24 on (JEP 491) a monitor no longer pins, so that family stays empty.
 */
final class VirtualThreadPinnedHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.virtual.thread.pinned";

    private final Duration threshold;
    private final Timer pinned;
    private final @Nullable MapAttribution attribution;
    private final @Nullable MapTimers mapTimers;

    /** With {@code attribution} (null: none), pinning inside a map's lock also counts on {@code mapTimers}. */
    VirtualThreadPinnedHandler(
            MeterRegistry registry,
            Duration threshold,
            @Nullable MapAttribution attribution,
            @Nullable MapTimers mapTimers) {
        this.threshold = threshold;
        this.attribution = attribution;
        this.mapTimers = mapTimers;
        this.pinned =
                Timer.builder(NAME)
                        .description(
                                "Time virtual threads blocked while pinned to their carrier thread, above the threshold")
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
        if (attribution != null && mapTimers != null) {
            MapLabels map = attribution.mapOf(StackFrame.of(event.getStackTrace()));
            if (map != null) {
                mapTimers.record(map, null, event.getDuration());
            }
        }
    }
}
