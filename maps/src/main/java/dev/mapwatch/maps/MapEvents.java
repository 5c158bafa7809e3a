package dev.mapwatch.maps;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The maps' JFR events, reached without touching a {@code jdk.jfr} type, so the maps still work
 * in a runtime image built without the {@code jdk.jfr} module (then no event is emitted).
 *
 * <p>Events cost nothing when no recording runs: a duration event is only created on a slow path
 * (a promotion, a contended lock) and is dropped when {@code isEnabled()} is false; the periodic
 * statistics hook only runs while a recording enables {@code mapwatch.MapStatistics}.
 */
final class MapEvents {

    private static final boolean JFR_PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
    private static final AtomicBoolean PERIODIC_REGISTERED = new AtomicBoolean();

    private MapEvents() {}

    /** Registers the periodic {@code mapwatch.MapStatistics} event once per JVM. */
    static void registerStatistics(Supplier<List<WatchedMap<?, ?>>> liveMaps) {
        if (!JFR_PRESENT || !PERIODIC_REGISTERED.compareAndSet(false, true)) {
            return;
        }
        try {
            JfrEvents.registerStatistics(liveMaps);
        } catch (RuntimeException | LinkageError e) {
            System.getLogger(MapEvents.class.getName())
                    .log(
                            Level.WARNING,
                            "mapwatch: periodic map statistics are not available in JFR",
                            e);
        }
    }

    /** Starts timing a lock wait; {@code null} when no recording wants the event. */
    static @Nullable Object beginLockWait() {
        return JFR_PRESENT ? JfrEvents.beginLockWait() : null;
    }

    static void commitLockWait(Object event, String map, Strategy strategy, LockWaits.Mode mode) {
        JfrEvents.commitLockWait(event, map, strategy, mode);
    }

    /** Starts timing a promotion; {@code null} when no recording wants the event. */
    static @Nullable Object beginPromotion() {
        return JFR_PRESENT ? JfrEvents.beginPromotion() : null;
    }

    static void commitPromotion(
            @Nullable Object event, String map, Strategy strategy, long entries) {
        if (event != null) {
            JfrEvents.commitPromotion(event, map, strategy, entries);
        }
    }
}
