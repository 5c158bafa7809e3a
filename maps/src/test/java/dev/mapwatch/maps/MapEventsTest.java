package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maps' JFR events, recorded with a real {@link Recording} and read back from its file. */
class MapEventsTest {

    @TempDir Path dir;

    @Test
    void statisticsPromotionAndLockWaitEventsCarryTheirFields() throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("mapwatch.MapStatistics").withPeriod(Duration.ofMillis(50));
            recording.enable("mapwatch.MapPromotion");
            recording.enable("mapwatch.MapLockWait");
            recording.start();

            WatchedMap<String, Integer> stats = MapWatch.newMap("jfr-statistics", Strategy.LOCKED);
            stats.put("a", 1);
            stats.get("a");
            stats.get("a");
            stats.get("a");
            stats.get("b");
            stats.get("c");

            WatchedMap<String, Integer> sync = MapWatch.newMap("jfr-promotion", Strategy.SYNC_MAP);
            sync.put("x", 1);
            sync.put("y", 2);
            sync.get("x");
            sync.get("x"); // second miss >= len(dirty) 2: promotion of 2 entries

            WatchedMap<Integer, Integer> locked =
                    MapWatch.builder("jfr-lock-wait")
                            .strategy(Strategy.STRIPED)
                            .shards(2)
                            .lockWaitThreshold(Duration.ofMillis(5))
                            .build();
            locked.put(1, 1);
            assertThat(LockHolder.holdWhileAnotherThreadWaits(locked, Duration.ofMillis(40)))
                    .isTrue();

            // The periodic event may also catch the map mid-sequence (3 hits, 1 miss): take one
            // written after the last lookup, with every other field then checked below.
            java.util.function.Predicate<RecordedEvent> finalStatistics =
                    e ->
                            e.getEventType().getName().equals("mapwatch.MapStatistics")
                                    && e.getString("map").equals("jfr-statistics")
                                    && e.getLong("hits") == 3
                                    && e.getLong("misses") == 2;
            List<RecordedEvent> events = awaitEvents(recording, finalStatistics);

            RecordedEvent s = events.stream().filter(finalStatistics).findFirst().orElseThrow();
            assertThat(s.getString("strategy")).isEqualTo("LOCKED");
            assertThat(s.getLong("misses")).isEqualTo(2);
            assertThat(s.getLong("puts")).isEqualTo(1);
            assertThat(s.getLong("removals")).isZero();
            assertThat(s.getLong("promotions")).isZero();
            assertThat(s.getLong("tombstones")).isZero();
            assertThat(s.getDuration("oldestTombstoneAge")).isZero();
            assertThat(s.getLong("tombstonesPurged")).isZero();
            assertThat(s.getDuration("tombstonePurgeAge")).isZero();
            assertThat(s.getLong("lockWaits")).isZero();
            assertThat(s.getDuration("lockWaitTime")).isZero();
            assertThat(s.getLong("size")).isEqualTo(1);
            assertThat(s.getEventType().getCategoryNames()).containsExactly("mapwatch");

            RecordedEvent promotion = single(events, "mapwatch.MapPromotion", "jfr-promotion");
            assertThat(promotion.getString("strategy")).isEqualTo("SYNC_MAP");
            assertThat(promotion.getLong("entries")).isEqualTo(2);

            RecordedEvent wait = single(events, "mapwatch.MapLockWait", "jfr-lock-wait");
            assertThat(wait.getString("strategy")).isEqualTo("STRIPED");
            assertThat(wait.getString("mode")).isEqualTo("read");
            assertThat(wait.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
            assertThat(wait.getThread().getJavaName()).isEqualTo("lock-waiter");

            RecordedEvent lockStats =
                    events.stream()
                            .filter(
                                    e ->
                                            e.getEventType()
                                                            .getName()
                                                            .equals("mapwatch.MapStatistics")
                                                    && e.getString("map").equals("jfr-lock-wait")
                                                    && e.getLong("lockWaits") == 1)
                            .findFirst()
                            .orElse(null);
            if (lockStats != null) {
                assertThat(lockStats.getDuration("lockWaitTime"))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(5));
            }
            assertThat(stats).isNotNull();
            assertThat(sync).isNotNull();
        }
    }

    @Test
    void lockWaitsBelowTheThresholdAreCountedButNotEmitted() throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("mapwatch.MapLockWait");
            recording.start();
            WatchedMap<Integer, Integer> m =
                    MapWatch.builder("jfr-below-threshold")
                            .strategy(Strategy.LOCKED)
                            .lockWaitThreshold(Duration.ofSeconds(30))
                            .build();
            m.put(1, 1);
            assertThat(LockHolder.holdWhileAnotherThreadWaits(m, Duration.ofMillis(5))).isTrue();
            recording.stop();
            Path file = dir.resolve("below.jfr");
            recording.dump(file);
            assertThat(RecordingFile.readAllEvents(file))
                    .noneMatch(
                            e ->
                                    e.getEventType().getName().equals("mapwatch.MapLockWait")
                                            && "jfr-below-threshold".equals(e.getString("map")));
            assertThat(m.stats().lockWaits()).isEqualTo(1);
        }
    }

    @Test
    void eventTypesDeclareTheContractFields() {
        MapWatch.liveMaps(); // registers the periodic event
        EventType statistics =
                FlightRecorder.getFlightRecorder().getEventTypes().stream()
                        .filter(t -> t.getName().equals("mapwatch.MapStatistics"))
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        statistics.getFields().stream()
                                .map(f -> f.getName())
                                .collect(Collectors.toList()))
                .containsSubsequence(
                        "map",
                        "strategy",
                        "hits",
                        "misses",
                        "puts",
                        "removals",
                        "promotions",
                        "tombstones",
                        "oldestTombstoneAge",
                        "tombstonesPurged",
                        "tombstonePurgeAge",
                        "lockWaits",
                        "lockWaitTime",
                        "size");
        for (String timespan : List.of("oldestTombstoneAge", "tombstonePurgeAge", "lockWaitTime")) {
            assertThat(statistics.getField(timespan).getAnnotation(Timespan.class).value())
                    .isEqualTo(Timespan.NANOSECONDS);
        }
    }

    private static RecordedEvent single(List<RecordedEvent> events, String type, String map) {
        List<RecordedEvent> matching =
                events.stream()
                        .filter(
                                e ->
                                        e.getEventType().getName().equals(type)
                                                && e.getString("map").equals(map))
                        .collect(Collectors.toList());
        assertThat(matching).as("%s events for %s", type, map).hasSize(1);
        return matching.get(0);
    }

    /** Dumps the running recording until an event matches (periodic events come every 50 ms). */
    private List<RecordedEvent> awaitEvents(Recording recording, Predicate<RecordedEvent> wanted)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve("dump-" + attempt + ".jfr");
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            Files.delete(file);
            if (events.stream().anyMatch(wanted)) {
                return events;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "no matching event within 20 s; got " + events.size() + " events");
            }
            Thread.onSpinWait();
        }
    }
}
