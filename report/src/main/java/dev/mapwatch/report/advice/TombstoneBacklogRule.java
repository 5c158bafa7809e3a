package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.duration;

import dev.mapwatch.report.MapHealth;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code SYNC_MAP} hoarding deleted entries: like {@code sync.Map}'s {@code expunged} entries, a
 * deleted key stays as a tombstone until the next promotion of the dirty map, and promotions
 * only follow misses; a delete-heavy map with few misses keeps its garbage. Fires when at least
 * {@value #MIN_TOMBSTONES} tombstones were held or the oldest was at least
 * {@link #MAX_OLDEST_AGE} old.
 */
public final class TombstoneBacklogRule implements AdviceRule {
    static final long MIN_TOMBSTONES = 1_000;
    static final Duration MAX_OLDEST_AGE = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "tombstone-backlog";
    }

    @Override
    public Optional<Advice> evaluate(MapHealth map) {
        if (!AdviceRule.is(map, "SYNC_MAP")
                || map.maxTombstones() < MIN_TOMBSTONES
                        && map.maxOldestTombstoneAge().compareTo(MAX_OLDEST_AGE) < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        "CONCURRENT",
                        "up to "
                                + count(map.maxTombstones())
                                + " deleted entries were held, the oldest "
                                + duration(map.maxOldestTombstoneAge())
                                + " old (thresholds "
                                + count(MIN_TOMBSTONES)
                                + " entries or "
                                + duration(MAX_OLDEST_AGE)
                                + "); "
                                + count(map.tombstonesPurged())
                                + " were purged. SYNC_MAP frees deleted entries only at the next promotion;"
                                + " CONCURRENT frees them on removal."));
    }
}
