package dev.mapwatch.exporter.labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Bounds a label whose values come from the application (class names): at most {@code n} values
 * keep their own series, every other value is reported as {@value #OTHER}.
 *
 * <p><b>How membership is decided, and why no counter goes backwards.</b> The first {@code n}
 * distinct values are admitted on first sight. After that, values that are not members are folded
 * into {@value #OTHER}, and their weight is remembered in a small candidate table (at most {@code
 * 4n} values; when it is full the lightest candidate makes room). Once per rebalance interval the
 * weight seen <em>during that interval</em> decides: while the heaviest candidate weighs more than
 * twice the lightest member (hysteresis, so two values of similar weight do not flap), the member
 * is evicted and the candidate admitted. Then the interval's weights start again from zero, so the
 * ranking follows the recent workload rather than the whole history (as Caffeine's W-TinyLFU
 * ages its frequency sketch).
 *
 * <p>An evicted value's series is <em>removed</em> (the listener given to the constructor removes
 * its meters): the series ends and Prometheus marks it stale; nothing is subtracted from it, and
 * from then on its weight is added to {@value #OTHER}, which only grows. An admitted value starts a
 * new series from zero. So every individual series is monotonic while it exists, the total number
 * of series stays at most {@code n + 1}, and {@code sum(rate(...))} over all values stays right.
 * What is lost is only the split of past weight between a value and {@value #OTHER}.
 *
 * <p>Thread-safe; cheap when uncontended (the JFR stream calls it from one thread).
 */
public final class TopNLabels {

    /** The label value for everything outside the top N. */
    public static final String OTHER = "other";

    /** How often membership is reconsidered unless told otherwise. */
    public static final Duration DEFAULT_REBALANCE_INTERVAL = Duration.ofMinutes(1);

    private static final int HYSTERESIS = 2;

    private final int limit;
    private final int candidateLimit;
    private final long rebalanceNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> onEvict;
    private final Map<String, long[]> members = new HashMap<>();
    private final Map<String, long[]> candidates = new HashMap<>();
    private long nextRebalance;

    private TopNLabels(int limit, Duration rebalanceInterval, LongSupplier nanoClock, Consumer<String> onEvict) {
        if (limit < 0) {
            throw new IllegalArgumentException("top-N limit must be >= 0, got " + limit);
        }
        this.limit = limit;
        this.candidateLimit = Math.max(4 * limit, 8);
        this.rebalanceNanos = rebalanceInterval.toNanos();
        this.nanoClock = nanoClock;
        this.onEvict = Objects.requireNonNull(onEvict, "onEvict");
        this.nextRebalance = nanoClock.getAsLong() + rebalanceNanos;
    }

    /**
     * A bound of {@code limit} own series, rebalanced every {@link #DEFAULT_REBALANCE_INTERVAL}.
     *
     * @param onEvict called with a value that lost its own series, so its meters can be removed
     */
    public static TopNLabels of(int limit, Consumer<String> onEvict) {
        return new TopNLabels(limit, DEFAULT_REBALANCE_INTERVAL, System::nanoTime, onEvict);
    }

    /** As {@link #of(int, Consumer)} with an explicit interval and clock (tests, tuning). */
    public static TopNLabels of(int limit, Duration rebalanceInterval, LongSupplier nanoClock, Consumer<String> onEvict) {
        return new TopNLabels(limit, rebalanceInterval, nanoClock, onEvict);
    }

    /**
     * Records {@code weight} for {@code value} and returns the label value to report it under:
     * {@code value} itself if it has its own series, else {@value #OTHER}.
     */
    public synchronized String label(String value, long weight) {
        rebalanceIfDue();
        long[] memberWeight = members.get(value);
        if (memberWeight != null) {
            memberWeight[0] += weight;
            return value;
        }
        if (members.size() < limit) {
            members.put(value, new long[] {weight});
            return value;
        }
        remember(value, weight);
        return OTHER;
    }

    /**
     * Drops {@code value} (its source is gone): a member frees its place for the next value without
     * waiting for a rebalance; {@code onEvict} is not called, the caller removes what it owns.
     */
    public synchronized void forget(String value) {
        members.remove(value);
        candidates.remove(value);
    }

    /** The values that have their own series now. */
    public synchronized List<String> members() {
        return List.copyOf(members.keySet());
    }

    private void remember(String value, long weight) {
        long[] candidateWeight = candidates.get(value);
        if (candidateWeight == null) {
            if (candidates.size() >= candidateLimit) {
                String lightest = lightest(candidates);
                if (candidates.get(lightest)[0] > weight) {
                    return;
                }
                candidates.remove(lightest);
            }
            candidates.put(value, new long[] {weight});
        } else {
            candidateWeight[0] += weight;
        }
    }

    private void rebalanceIfDue() {
        long now = nanoClock.getAsLong();
        if (now - nextRebalance < 0) {
            return;
        }
        nextRebalance = now + rebalanceNanos;
        List<Map.Entry<String, long[]>> byWeight = new ArrayList<>(candidates.entrySet());
        byWeight.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed());
        for (Map.Entry<String, long[]> candidate : byWeight) {
            if (members.isEmpty()) {
                break;
            }
            String weakest = lightest(members);
            if (candidate.getValue()[0] <= HYSTERESIS * members.get(weakest)[0]) {
                break;
            }
            members.remove(weakest);
            onEvict.accept(weakest);
            members.put(candidate.getKey(), candidate.getValue()); // ranks with its weight until the reset below
        }
        candidates.clear();
        members.values().forEach(w -> w[0] = 0);
    }

    private static String lightest(Map<String, long[]> weights) {
        String lightest = null;
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> e : weights.entrySet()) {
            if (e.getValue()[0] < min) {
                min = e.getValue()[0];
                lightest = e.getKey();
            }
        }
        return lightest;
    }
}
