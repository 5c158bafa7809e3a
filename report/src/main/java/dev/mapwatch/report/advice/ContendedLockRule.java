package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.duration;

import dev.mapwatch.report.MapHealth;
import java.util.Locale;
import java.util.Optional;

/**
 * A lock-based map whose lock is contended: {@code LOCKED} (one read-write lock, the seed
 * documents' {@code map + sync.RWMutex}) wants {@code STRIPED} or {@code CONCURRENT};
 * {@code STRIPED} wants more shards or {@code CONCURRENT}. Fires with at least
 * {@value #MIN_WAITS} lock waits whose total time is at least {@value #MIN_WAIT_SHARE} seconds
 * per second of the recording window (with no window: the waits alone).
 */
public final class ContendedLockRule implements AdviceRule {
    static final long MIN_WAITS = 10;
    static final double MIN_WAIT_SHARE = 0.01;

    @Override
    public String id() {
        return "contended-lock";
    }

    @Override
    public Optional<Advice> evaluate(MapHealth map) {
        boolean locked = AdviceRule.is(map, "LOCKED");
        if (!locked && !AdviceRule.is(map, "STRIPED") || map.lockWaits() < MIN_WAITS) {
            return Optional.empty();
        }
        double share = map.lockWaitShare();
        if (!Double.isNaN(share) && share < MIN_WAIT_SHARE) {
            return Optional.empty();
        }
        String shareText =
                Double.isNaN(share)
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (%.3f s of waiting per second of the window, threshold %.3f s)",
                                share,
                                MIN_WAIT_SHARE);
        String longest =
                map.lockWaitEvents() == 0
                        ? ""
                        : "; longest recorded wait " + duration(map.longestLockWait());
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        locked ? "STRIPED or CONCURRENT" : "CONCURRENT (or more shards)",
                        "threads waited "
                                + count(map.lockWaits())
                                + " times for the lock, "
                                + duration(map.lockWaitTime())
                                + " in total"
                                + shareText
                                + longest
                                + ". "
                                + (locked
                                        ? "One lock serialises every writer (and readers behind a writer);"
                                                + " STRIPED spreads keys over independently locked shards, CONCURRENT locks per bin."
                                        : "Shards still collide; more shards or CONCURRENT's per-bin locking spread the"
                                                + " writers further.")));
    }
}
