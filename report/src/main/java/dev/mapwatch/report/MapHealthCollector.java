package dev.mapwatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Map health from mapwatch's events, read by event and field name (the report never shares
 * classes with the maps library). At most {@value #MAX_MAPS} maps are tracked; the events of
 * further maps are counted in {@link #untrackedEvents()}.
 */
final class MapHealthCollector implements EventCollector {
    static final String STATISTICS = dev.mapwatch.maps.MapEventNames.STATISTICS;
    static final String PROMOTION = dev.mapwatch.maps.MapEventNames.PROMOTION;
    static final String LOCK_WAIT = dev.mapwatch.maps.MapEventNames.LOCK_WAIT;
    static final int MAX_MAPS = 1_000;

    /** The cumulative counters of a statistics event, in a fixed order. */
    private static final String[] COUNTERS = {
        "hits", "misses", "puts", "removals", "promotions", "tombstonesPurged", "lockWaits",
    };

    private static final int HITS = 0;
    private static final int MISSES = 1;
    private static final int LOCK_WAIT_TIME = COUNTERS.length;

    private static final class MapState {
        final String map;
        String strategy;
        String source;
        String counting;
        long samples;
        long firstNanos;
        long lastNanos;
        long[] previous;
        final long[] growth = new long[COUNTERS.length + 1];
        long tombstones;
        long maxTombstones;
        long oldestTombstoneAge;
        long maxOldestTombstoneAge;
        long size;
        long promotionEvents;
        long lockWaitEvents;
        long longestLockWait;
        final Timeline hitRatio = Timeline.keepingLast(Timeline.DEFAULT_CAPACITY);
        final Timeline tombstoneSeries = Timeline.keepingMax(Timeline.DEFAULT_CAPACITY);

        MapState(String map, String strategy) {
            this.map = map;
            this.strategy = strategy;
        }

        void sample(RecordedEvent e, long atNanos) {
            long[] current = new long[COUNTERS.length + 1];
            for (int i = 0; i < COUNTERS.length; i++) {
                current[i] = Events.longField(e, COUNTERS[i]);
            }
            current[LOCK_WAIT_TIME] = Events.nanosField(e, "lockWaitTime");
            if (previous == null) {
                firstNanos = atNanos;
            } else {
                long[] step = new long[current.length];
                for (int i = 0; i < current.length; i++) {
                    // A counter that went down belongs to a new map of the same name: count from
                    // zero.
                    step[i] = current[i] >= previous[i] ? current[i] - previous[i] : current[i];
                    growth[i] += step[i];
                }
                long lookups = step[HITS] + step[MISSES];
                if (lookups > 0) {
                    hitRatio.add(atNanos / 1_000_000, (double) step[HITS] / lookups);
                }
            }
            previous = current;
            samples++;
            lastNanos = atNanos;
            tombstones = Events.longField(e, "tombstones");
            maxTombstones = Math.max(maxTombstones, tombstones);
            oldestTombstoneAge = Events.nanosField(e, "oldestTombstoneAge");
            maxOldestTombstoneAge = Math.max(maxOldestTombstoneAge, oldestTombstoneAge);
            size = Events.longField(e, "size");
            tombstoneSeries.add(atNanos / 1_000_000, tombstones);
        }

        MapHealth result() {
            long[] counters =
                    growth; // all zero after a single sample: nothing measurable inside the
            // recording
            return new MapHealth(
                    map,
                    strategy,
                    samples,
                    Duration.ofNanos(lastNanos - firstNanos),
                    counters[0],
                    counters[1],
                    counters[2],
                    counters[3],
                    counters[4],
                    counters[5],
                    counters[6],
                    Duration.ofNanos(counters[LOCK_WAIT_TIME]),
                    tombstones,
                    maxTombstones,
                    Duration.ofNanos(oldestTombstoneAge),
                    Duration.ofNanos(maxOldestTombstoneAge),
                    size,
                    promotionEvents,
                    lockWaitEvents,
                    Duration.ofNanos(longestLockWait),
                    hitRatio.points(),
                    tombstoneSeries.points(),
                    totals(),
                    source,
                    counting);
        }

        /** The last sample's cumulative counters: the totals since the map was (re)created. */
        private MapCounts totals() {
            long[] last = previous;
            return new MapCounts(
                    last[0],
                    last[1],
                    last[2],
                    last[3],
                    last[4],
                    last[5],
                    last[6],
                    Duration.ofNanos(last[LOCK_WAIT_TIME]));
        }
    }

    private final Map<String, MapState> maps = new HashMap<>();
    private long untrackedEvents;

    @Override
    public Set<String> eventTypes() {
        return Set.of(STATISTICS, PROMOTION, LOCK_WAIT);
    }

    @Override
    public void accept(RecordedEvent event) {
        String name = Events.stringField(event, "map", "(unnamed)");
        String strategy = Events.stringField(event, "strategy", "UNKNOWN");
        MapState state = maps.get(name);
        if (state == null) {
            if (maps.size() >= MAX_MAPS) {
                untrackedEvents++;
                return;
            }
            state = new MapState(name, strategy);
            maps.put(name, state);
        }
        switch (event.getEventType().getName()) {
            case STATISTICS -> {
                state.strategy = strategy;
                state.source = Events.stringField(event, "source", null);
                state.counting = Events.stringField(event, "counting", null);
                state.sample(event, Events.epochNanos(event.getStartTime()));
            }
            case PROMOTION -> state.promotionEvents++;
            default -> {
                state.lockWaitEvents++;
                state.longestLockWait =
                        Math.max(state.longestLockWait, event.getDuration().toNanos());
            }
        }
    }

    long untrackedEvents() {
        return untrackedEvents;
    }

    /** Maps with at least one statistics sample, by name. */
    List<MapHealth> result() {
        List<MapHealth> result = new ArrayList<>();
        for (MapState state : maps.values()) {
            if (state.samples > 0) {
                result.add(state.result());
            }
        }
        result.sort(Comparator.comparing(MapHealth::map));
        return result;
    }
}
