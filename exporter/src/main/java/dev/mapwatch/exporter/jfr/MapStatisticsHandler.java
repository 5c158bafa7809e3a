package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.log.MapwatchLog;
import dev.mapwatch.exporter.maps.MapMeters;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code mapwatch.MapStatistics} (periodic, one per live map, cumulative counters): keeps each
 * map's latest statistics and exports them through {@link MapMeters}, the same meters as the
 * in-process binder. Several maps may share a name and strategy, each sending its own event in the
 * same periodic batch: events of one key less than {@link #BATCH_WINDOW} apart are added up
 * ({@link MapMeters#combine}) and the sum is published when the stream has flushed, so a counter
 * never shows one map's value and then the other's. At most {@code maxMaps} maps are exported (the rest are ignored, said once);
 * a map that has sent nothing for {@code staleAfter} (it was collected) loses its meters.
 */
final class MapStatisticsHandler implements JfrEventHandler {

    /** Events of one key closer together than this belong to the same periodic emission. */
    static final Duration BATCH_WINDOW = Duration.ofMillis(100);

    private final MeterRegistry registry;
    private final Duration period;
    private final long staleAfterNanos;
    private final int maxMaps;
    private final LongSupplier nanoClock;
    private final MapwatchLog log;
    private final Map<MapKey, Watched> maps = new HashMap<>();
    private boolean saidTooMany;
    private long nextSweep;

    private record MapKey(String map, String strategy) {}

    private static final class Watched {
        final AtomicReference<MapStats> latest;
        final MapMeters meters;
        long lastSeen;
        MapStats batch;
        long batchStartNanos;
        EnumSet<Counting> batchCounting = EnumSet.noneOf(Counting.class);
        boolean unpublished;

        Watched(AtomicReference<MapStats> latest, MapMeters meters) {
            this.latest = latest;
            this.meters = meters;
        }
    }

    MapStatisticsHandler(MeterRegistry registry, Duration period, int maxMaps, LongSupplier nanoClock, MapwatchLog log) {
        this.registry = registry;
        this.period = period;
        this.staleAfterNanos = period.multipliedBy(30).toNanos();
        this.maxMaps = maxMaps;
        this.nanoClock = nanoClock;
        this.log = log;
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
        MapKey key = new MapKey(event.getString("map"), event.getString("strategy"));
        MapStats stats = new MapStats(
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
                throw new IllegalArgumentException("mapwatch.MapStatistics event without map or strategy");
            }
            if (maps.size() >= maxMaps) {
                tooMany(key);
                return;
            }
            AtomicReference<MapStats> latest = new AtomicReference<>(MapStats.empty());
            watched = new Watched(latest, MapMeters.register(registry, key.map(), key.strategy(),
                    MapMeters.countingLabel(List.of(counting)), latest::get));
            maps.put(key, watched);
        }
        long at = EventTimes.epochNanos(event.getStartTime());
        if (watched.batch != null && Math.abs(at - watched.batchStartNanos) < BATCH_WINDOW.toNanos()) {
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
        throw new IllegalArgumentException("mapwatch.MapStatistics event with unknown counting '" + value + "'");
    }

    @Override
    public void onFlush() {
        for (Watched watched : maps.values()) {
            if (watched.unpublished) {
                watched.latest.set(watched.batch);
                watched.meters.counting(MapMeters.countingLabel(watched.batchCounting));
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
        for (Iterator<Watched> it = maps.values().iterator(); it.hasNext(); ) {
            Watched watched = it.next();
            if (now - watched.lastSeen > staleAfterNanos) {
                watched.meters.remove();
                it.remove();
            }
        }
    }

    private void tooMany(MapKey key) {
        if (!saidTooMany) {
            saidTooMany = true;
            log.warning("more than " + maxMaps + " watched maps; map '" + key.map() + "' and later ones are not"
                    + " exported (raise the maps bound to see them)");
        }
    }
}
