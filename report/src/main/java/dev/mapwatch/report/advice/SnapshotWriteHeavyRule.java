package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.percent;

import dev.mapwatch.report.MapHealth;
import java.util.Optional;

/**
 * {@code SNAPSHOT} written to often: every write copies the whole immutable map
 * ({@code atomic.Value} with an immutable map in the seed documents), so its cost grows with
 * size times writes. Fires with at least {@value #MIN_WRITES} writes making up at least
 * {@value #MIN_WRITE_SHARE} of all operations.
 */
public final class SnapshotWriteHeavyRule implements AdviceRule {
    static final long MIN_WRITES = 100;
    static final double MIN_WRITE_SHARE = 0.05;

    @Override
    public String id() {
        return "snapshot-write-heavy";
    }

    @Override
    public Optional<Advice> evaluate(MapHealth map) {
        if (!AdviceRule.is(map, "SNAPSHOT")
                || map.writes() < MIN_WRITES
                || map.writeShare() < MIN_WRITE_SHARE) {
            return Optional.empty();
        }
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        "CONCURRENT",
                        count(map.writes())
                                + " writes were "
                                + percent(map.writeShare())
                                + " of "
                                + count(map.lookups() + map.writes())
                                + " operations (threshold "
                                + percent(MIN_WRITE_SHARE)
                                + "); each write copies all "
                                + count(map.size())
                                + " entries, about "
                                + count(Math.multiplyExact(map.writes(), Math.max(1, map.size())))
                                + " entry copies. CONCURRENT updates in place."));
    }
}
