package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.duration;

import dev.mapwatch.report.MapContention;
import dev.mapwatch.report.Ranking;
import dev.mapwatch.report.Tally;
import java.time.Duration;
import java.util.Optional;

/**
 * A map whose mapping functions hold its lock long while other threads wait: {@code
 * ConcurrentHashMap} runs the function of {@code computeIfAbsent}, {@code compute}, {@code
 * computeIfPresent} and {@code merge} inside the lock of the key's bin, so a slow load blocks every
 * caller of that bin until it returns (the pattern behind dubbo #15333 and caffeine #672, #1728). A
 * wait above the recording's threshold on a bin lock is such a function, or, rarely, a resize.
 * Fires with at least {@value #MIN_WAITS} waits named by map ({@link MapContention}) totalling at
 * least {@link #MIN_WAITED}.
 *
 * <p>The function's time: the recording has no holder's stack for a wait, so the longest wait is
 * given as a lower bound of how long one function held the lock, and the time the functions were
 * seen blocked inside the lock ({@link MapContention#holdingSites()}) when the recording has it.
 * Worded as JMC's rules are: the finding with its figures, why it matters, what to do.
 */
public final class SlowMappingFunctionRule implements MapContentionRule {
    static final long MIN_WAITS = 3;
    static final Duration MIN_WAITED = Duration.ofMillis(100);

    @Override
    public String id() {
        return "slow-mapping-function";
    }

    @Override
    public Optional<Advice> evaluate(MapContention map) {
        Tally waits = map.waits();
        if (waits.count() < MIN_WAITS || waits.total() < MIN_WAITED.toNanos()) {
            return Optional.empty();
        }
        String longest = duration(Duration.ofNanos(waits.max()));
        Ranking holders = map.holdingSites();
        String functions =
                holders.isEmpty()
                        ? " No event of the recording is inside a mapping function (a Thread.sleep, a socket read or"
                                + " plain CPU work records none), so the holders are inferred from the waiters: threads"
                                + " running this map's mapping function at the waiting sites."
                        : " The recording shows the mapping functions blocked for "
                                + duration(Duration.ofNanos(holders.total()))
                                + " while they held the lock, in "
                                + count(holders.count())
                                + " events (longest "
                                + duration(Duration.ofNanos(holderMax(holders)))
                                + "), most in "
                                + holders.top().get(0).name()
                                + ".";
        String sites =
                map.waitingSites().isEmpty()
                        ? ""
                        : " Waiting site: "
                                + map.waitingSites().top().get(0).name()
                                + (map.waitingSites().top().size() > 1
                                        ? " (and "
                                                + (map.waitingSites().top().size() - 1)
                                                + " more)"
                                        : "")
                                + ".";
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        "a load outside the lock: get before computeIfAbsent, or an asynchronous loading cache",
                        "Threads waited "
                                + count(waits.count())
                                + " times for a lock of map "
                                + map.map()
                                + ", "
                                + duration(Duration.ofNanos(waits.total()))
                                + " in total (thresholds "
                                + MIN_WAITS
                                + " waits, "
                                + duration(MIN_WAITED)
                                + "): its mapping functions held the lock for at least "
                                + longest
                                + " at a time (the longest wait)."
                                + functions
                                + sites
                                + " ConcurrentHashMap runs the function of computeIfAbsent, compute, computeIfPresent and"
                                + " merge while it holds the lock of the key's bin, so every thread that needs that bin (the"
                                + " same key, or another key in it) blocks until the function returns."
                                + " Load outside the lock: call get first and load only on a miss, then putIfAbsent the"
                                + " result (a rare duplicate load instead of blocked threads); or use an asynchronous"
                                + " loading cache such as Caffeine's AsyncLoadingCache, which puts a future into the map at"
                                + " once, so that callers wait on the future, not on the map's lock."));
    }

    private static long holderMax(Ranking holders) {
        long max = holders.other().max();
        for (Tally t : holders.top()) {
            max = Math.max(max, t.max());
        }
        return max;
    }
}
