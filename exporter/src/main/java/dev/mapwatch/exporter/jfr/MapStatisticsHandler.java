package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.maps.BoundedMapMeters;
import dev.mapwatch.exporter.maps.MapMeters;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code mapwatch.MapStatistics} (periodic, one per live map, cumulative counters): hands each
 * map's latest statistics to {@link BoundedMapMeters} (the meters of {@link MapMeters}, the same as
 * the in-process binder's, for the busiest maps; the rest add up in {@code map="other"}). Several maps may share a name and strategy, each sending its own event in the
 * same periodic batch: events of one key less than {@link #BATCH_WINDOW} apart are added up
 * ({@link MapMeters#combine}) and the sum is published when the stream has flushed, so a counter
 * never shows one map's value and then the other's. A map that has sent nothing for thirty
 * periods (it was collected) is forgotten.
 */
final class MapStatisticsHandler implements JfrEventHandler {

    /** Events of one key closer together than this belong to the same periodic emission. */
    static final Duration BATCH_WINDOW = Duration.ofMillis(100);

    private final BoundedMapMeters meters;
    private final Duration period;
    private final long staleAfterNanos;
    private final LongSupplier nanoClock;
    private final Map<MapKey, Watched> maps = new HashMap<>();
    private long nextSweep;

    private record MapKey(String map, String strategy) {}

    private static final class Watched {
        long lastSeen;
        @Nullable MapStats batch;
        long batchStartNanos;
        EnumSet<Counting> batchCounting = EnumSet.noneOf(Counting.class);
        boolean unpublished;
    }

    MapStatisticsHandler(BoundedMapMeters meters, Duration period, LongSupplier nanoClock) {
        this.meters = meters;
        this.period = period;
        this.staleAfterNanos = period.multipliedBy(30).toNanos();
        this.nanoClock = nanoClock;
        this.nextSweep = nanoClock.getAsLong() + staleAfterNanos;
    }

    @Override
    public String eventName() {
        return MapEvents.STATISTICS;
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withPeriod(period);
    }

    @Override
    public void accept(RecordedEvent event) {
        if (event.hasField("source") && "callSites".equals(event.getString("source"))) {
            return; // the agent's counted call sites, which it reads directly
        }
        MapKey key = new MapKey(event.getString("map"), event.getString("strategy"));
        MapStats stats =
                new MapStats(
                        event.getLong("hits"),
                        event.getLong("misses"),
                        event.getLong("puts"),
                        event.getLong("removals"),
                        event.getLong("promotions"),
                        event.getLong("tombstones"),
                        event.getDuration("oldestTombstoneAge").toNanos(),
                        event.getLong("tombstonesPurged"),
                        event.getDuration("tombstonePurgeAge").toNanos(),
                        event.getLong("lockWaits"),
                        event.getDuration("lockWaitTime").toNanos(),
                        event.getLong("size"));
        Counting counting = counting(event);
        long now = nanoClock.getAsLong();
        Watched watched = maps.get(key);
        if (watched == null) {
            if (key.map() == null || key.strategy() == null) {
                throw new IllegalArgumentException(
                        "mapwatch.MapStatistics event without map or strategy");
            }
            watched = new Watched();
            maps.put(key, watched);
        }
        long at = EventTimes.epochNanos(event.getStartTime());
        if (watched.batch != null
                && Math.abs(at - watched.batchStartNanos) < BATCH_WINDOW.toNanos()) {
            watched.batch = MapMeters.combine(watched.batch, stats);
            watched.batchCounting.add(counting);
        } else {
            watched.batch = stats;
            watched.batchStartNanos = at;
            watched.batchCounting = EnumSet.of(counting);
        }
        watched.unpublished = true;
        watched.lastSeen = now;
    }

    /** The event's {@code counting} field; {@code EXACT} for events of maps libraries older than it. */
    private static Counting counting(RecordedEvent event) {
        if (!event.hasField("counting")) {
            return Counting.EXACT;
        }
        String value = event.getString("counting");
        for (Counting c : Counting.values()) {
            if (c.name().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "mapwatch.MapStatistics event with unknown counting '" + value + "'");
    }

    @Override
    public void onFlush() {
        for (Map.Entry<MapKey, Watched> entry : maps.entrySet()) {
            Watched watched = entry.getValue();
            MapStats batch = watched.batch;
            if (watched.unpublished && batch != null) {
                meters.record(
                        entry.getKey().map(),
                        entry.getKey().strategy(),
                        watched.batchCounting,
                        batch);
                watched.unpublished = false;
            }
        }
        sweepStale(nanoClock.getAsLong());
    }

    private void sweepStale(long now) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + staleAfterNanos;
        for (Iterator<Map.Entry<MapKey, Watched>> it = maps.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<MapKey, Watched> entry = it.next();
            if (now - entry.getValue().lastSeen > staleAfterNanos) {
                meters.forget(entry.getKey().map(), entry.getKey().strategy());
                it.remove();
            }
        }
    }
}
