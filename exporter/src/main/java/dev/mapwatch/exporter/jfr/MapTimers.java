package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import dev.mapwatch.exporter.labels.TopNLabels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A timer family by map ({@code map}, {@code strategy}, and optionally {@code mode}), bounded to
 * the top maps by time: one instance per family, shared by every source of it (the maps library's
 * {@code mapwatch.MapLockWait} events and the JFR events attributed to counted call sites both
 * fill {@value #LOCK_CONTENTION}), so a map has one series and one place in the budget.
 */
final class MapTimers {

    static final String LOCK_CONTENTION = "mapwatch.map.lock.contention";
    static final String PINNED = "mapwatch.map.pinned";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final boolean modes;
    private final BoundedLabelMeters<Timer> timers;

    private MapTimers(
            MeterRegistry registry, String name, String description, boolean modes, int maxMaps) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.modes = modes;
        this.timers = new BoundedLabelMeters<>(registry, maxMaps);
    }

    /** {@value #LOCK_CONTENTION}{@code {map,strategy,mode}}. */
    static MapTimers lockContention(MeterRegistry registry, int maxMaps) {
        return new MapTimers(
                registry,
                LOCK_CONTENTION,
                "Time threads waited for a map's lock, above the threshold, by mode",
                true,
                maxMaps);
    }

    /** {@value #PINNED}{@code {map,strategy}}. */
    static MapTimers pinned(MeterRegistry registry, int maxMaps) {
        return new MapTimers(
                registry,
                PINNED,
                "Time virtual threads were pinned to their carrier inside a map's lock, above the threshold",
                false,
                maxMaps);
    }

    /** Records one wait of {@code map} ({@code mode} ignored by a family without modes). */
    void record(MapLabels map, @Nullable String mode, Duration waited) {
        String key = modes ? map.key() + '\u0000' + mode : map.key();
        timers.meterFor(
                        key,
                        waited.toNanos(),
                        label ->
                                timer(
                                        map.forLabel(label),
                                        TopNLabels.OTHER.equals(label) ? TopNLabels.OTHER : mode))
                .record(waited);
    }

    private Timer timer(MapLabels labels, @Nullable String mode) {
        Timer.Builder builder =
                Timer.builder(name)
                        .tags("map", labels.map(), "strategy", labels.strategy())
                        .description(description);
        if (modes) {
            builder.tag("mode", Objects.requireNonNull(mode, "a family with modes records a mode"));
        }
        return builder.register(registry);
    }
}
