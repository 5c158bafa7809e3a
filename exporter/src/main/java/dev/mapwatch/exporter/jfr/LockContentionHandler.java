package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import dev.mapwatch.exporter.labels.ClassNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Threads blocked on a lock longer than the threshold: {@code jdk.JavaMonitorEnter} ({@code
 * kind=monitor}, by the monitor's class) and {@code jdk.ThreadPark} ({@code kind=park}, by the
 * parked-on object's class, {@code none} when parked without a blocker), as the timer {@value
 * #NAME}. Classes are bounded: the top N by waiting time keep their own series; generated classes
 * (lambdas, proxies) are named as {@link ClassNames#stable} says, the same in every run. A wait
 * on a map's internal lock ({@code ConcurrentHashMap$Node}, {@code $ReservationNode}, {@code
 * $TreeBin}, ...) is also attributed to its map when the stack names a known call site ({@link
 * MapAttribution}); it still counts on its class row too.
 */
final class LockContentionHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.lock.contention";
    private static final String NO_CLASS = "none";

    private final String eventName;
    private final String classField;
    private final String kind;
    private final Duration threshold;
    private final MeterRegistry registry;
    private final BoundedLabelMeters<Timer> timers;
    private final @Nullable MapAttribution attribution;
    private final MapTimers mapTimers;

    private LockContentionHandler(
            String eventName,
            String classField,
            String kind,
            Duration threshold,
            MeterRegistry registry,
            int topN,
            @Nullable MapAttribution attribution,
            MapTimers mapTimers) {
        this.eventName = eventName;
        this.attribution = attribution;
        this.mapTimers = mapTimers;
        this.classField = classField;
        this.kind = kind;
        this.threshold = threshold;
        this.registry = registry;
        this.timers = new BoundedLabelMeters<>(registry, topN);
    }

    /**
     * {@code jdk.JavaMonitorEnter}; with {@code attribution} (null: none) a wait on a map's internal
     * lock also counts once on {@code mapTimers}, {@code mode="write"}, for the map its stack names.
     */
    static LockContentionHandler monitorEnter(
            MeterRegistry registry,
            Duration threshold,
            int topN,
            @Nullable MapAttribution attribution,
            MapTimers mapTimers) {
        return new LockContentionHandler(
                "jdk.JavaMonitorEnter",
                "monitorClass",
                "monitor",
                threshold,
                registry,
                topN,
                attribution,
                mapTimers);
    }

    /** {@code jdk.ThreadPark}, attributed as {@link #monitorEnter} (a {@code TreeBin}'s lock parks). */
    static LockContentionHandler threadPark(
            MeterRegistry registry,
            Duration threshold,
            int topN,
            @Nullable MapAttribution attribution,
            MapTimers mapTimers) {
        return new LockContentionHandler(
                "jdk.ThreadPark",
                "parkedClass",
                "park",
                threshold,
                registry,
                topN,
                attribution,
                mapTimers);
    }

    @Override
    public String eventName() {
        return eventName;
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withThreshold(threshold).withoutStackTrace();
    }

    @Override
    public void accept(RecordedEvent event) {
        RecordedClass blockedOn = event.getClass(classField);
        String className = blockedOn == null ? NO_CLASS : ClassNames.stable(blockedOn.getName());
        Duration waited = event.getDuration();
        timers.meterFor(className, waited.toNanos(), this::timer).record(waited);
        if (attribution != null
                && blockedOn != null
                && MapAttribution.mapInternal(blockedOn.getName())) {
            MapLabels map = attribution.mapOf(StackFrame.of(event.getStackTrace()));
            if (map != null) {
                mapTimers.record(map, "write", waited);
            }
        }
    }

    private Timer timer(String classLabel) {
        return Timer.builder(NAME)
                .tags("kind", kind, "class", classLabel)
                .description(
                        "Time threads waited to enter a monitor or while parked, above the threshold, by the lock's class")
                .register(registry);
    }
}
