package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.percent;

import dev.mapwatch.report.MapHealth;
import java.util.Optional;

/**
 * A lock-based map ({@code LOCKED}, {@code STRIPED}) that is almost only read and small: a
 * {@code SNAPSHOT} reads without any lock, and copying a small map on rare writes is cheap (the
 * seed documents' {@code atomic.Value} with an immutable map). Fires with at least
 * {@value #MIN_LOOKUPS} lookups, writes at most {@value #MAX_WRITE_SHARE} of operations and at
 * most {@value #MAX_SIZE} entries.
 */
public final class ReadMostlyLockRule implements AdviceRule {
    static final long MIN_LOOKUPS = 10_000;
    static final double MAX_WRITE_SHARE = 0.001;
    static final long MAX_SIZE = 10_000;

    @Override
    public String id() {
        return "read-mostly-lock";
    }

    @Override
    public Optional<Advice> evaluate(MapHealth map) {
        if (!AdviceRule.is(map, "LOCKED") && !AdviceRule.is(map, "STRIPED")
                || map.lookups() < MIN_LOOKUPS
                || map.writeShare() > MAX_WRITE_SHARE
                || map.size() > MAX_SIZE) {
            return Optional.empty();
        }
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        "SNAPSHOT",
                        "only "
                                + count(map.writes())
                                + " of "
                                + count(map.lookups() + map.writes())
                                + " operations wrote ("
                                + percent(map.writeShare())
                                + ", threshold "
                                + percent(MAX_WRITE_SHARE)
                                + ") on "
                                + count(map.size())
                                + " entries: SNAPSHOT reads without locking and copies the map only"
                                + " on those few writes."));
    }
}
