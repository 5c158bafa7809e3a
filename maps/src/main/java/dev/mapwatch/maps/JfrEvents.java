package dev.mapwatch.maps;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import org.jspecify.annotations.Nullable;

/** The code that touches {@code jdk.jfr} types; loaded only when that module is present. */
final class JfrEvents {

    private JfrEvents() {}

    /**
     * Registers the periodic statistics event once JFR itself is initialized (by a recording
     * started in any way): registering an event type initializes JFR's metadata, a cost of a
     * hundred milliseconds or more that an application never recording should not pay.
     */
    static void registerStatistics(Supplier<List<WatchedMap<?, ?>>> liveMaps) {
        FlightRecorder.addListener(
                new FlightRecorderListener() {
                    private final AtomicBoolean registered = new AtomicBoolean();

                    @Override
                    public void recorderInitialized(FlightRecorder recorder) {
                        if (registered.compareAndSet(false, true)) {
                            FlightRecorder.addPeriodicEvent(
                                    MapStatisticsEvent.class, () -> emitStatistics(liveMaps.get()));
                        }
                    }
                });
    }

    private static void emitStatistics(List<WatchedMap<?, ?>> maps) {
        for (WatchedMap<?, ?> map : maps) {
            MapStatisticsEvent event = new MapStatisticsEvent();
            if (!event.isEnabled()) {
                return;
            }
            MapStats s = map.stats();
            event.map = map.name();
            event.strategy = map.strategy().name();
            event.counting = map.counting().name();
            event.hits = s.hits();
            event.misses = s.misses();
            event.puts = s.puts();
            event.removals = s.removals();
            event.promotions = s.promotions();
            event.tombstones = s.tombstones();
            event.oldestTombstoneAge = s.oldestTombstoneAgeNanos();
            event.tombstonesPurged = s.tombstonesPurged();
            event.tombstonePurgeAge = s.tombstonePurgeAgeNanos();
            event.lockWaits = s.lockWaits();
            event.lockWaitTime = s.lockWaitNanos();
            event.size = s.size();
            event.commit();
        }
    }

    static @Nullable Object beginLockWait() {
        MapLockWaitEvent event = new MapLockWaitEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        return event;
    }

    static void commitLockWait(Object handle, String map, Strategy strategy, LockWaits.Mode mode) {
        MapLockWaitEvent event = (MapLockWaitEvent) handle;
        event.end();
        if (event.shouldCommit()) {
            event.map = map;
            event.strategy = strategy.name();
            event.mode = mode.label();
            event.commit();
        }
    }

    static @Nullable Object beginPromotion() {
        MapPromotionEvent event = new MapPromotionEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        return event;
    }

    static void commitPromotion(Object handle, String map, Strategy strategy, long entries) {
        MapPromotionEvent event = (MapPromotionEvent) handle;
        event.end();
        if (event.shouldCommit()) {
            event.map = map;
            event.strategy = strategy.name();
            event.entries = entries;
            event.commit();
        }
    }
}
