package dev.mapwatch.exporter.labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Bounds a label whose values come from the application (class names, map names): at most {@code
 * n} values keep their own series, chosen by their <em>recent</em> weight; every other value is
 * reported as {@value #OTHER}.
 *
 * <p><b>Algorithm.</b> Every value seen is either a <em>member</em> (its own series; at most {@code
 * n}) or a <em>candidate</em> (folded into {@value #OTHER}). While fewer than {@code n} are members
 * a new value is admitted on first sight. Each value's weight is kept as an exponentially decayed
 * count (half-life: one rebalance interval {@code T}, default {@value #DEFAULT_REBALANCE_SECONDS}
 * s) together with its decayed <em>observed time</em>, so {@code rate = count / observed} is its
 * recent weight per interval whatever its age (a value first seen a second ago is not handicapped
 * against one counted for an hour). Once per interval (on the first call after it ends) the
 * heaviest candidate replaces the lightest member while its rate is more than {@value #HYSTERESIS}
 * times the member's and at least 1/{@value #MIN_SHARE_DIVISOR} of a fair share ({@code 1/n}) of
 * the total rate; the evicted member becomes a candidate, keeping its history. A value may carry a
 * <em>priority</em> (0 first): one level earlier counts as {@value #PRIORITY_BOOST} times its
 * rate, so a value of an earlier level wins against an equally busy, or up to that many times
 * busier, value of a later one. Candidates are held Space-Saving style (bounded table, lightest
 * dropped first; see the notes in the source).
 *
 * <p><b>Guarantees</b> (rates as above, steady over the intervals concerned):
 * <ul>
 *   <li><em>Heavy values are named quickly</em>: a value whose rate exceeds {@value #HYSTERESIS}
 *       times the lightest member's is admitted at the end of its first full interval, so within
 *       {@code 2T} (10 s by default) of becoming heavy; within {@code T} if it was already seen in
 *       the first half of the interval.</li>
 *   <li><em>Idle members give way</em>: an idle member's count halves every interval, so any
 *       candidate above the share floor takes its place within a few intervals.</li>
 *   <li><em>No flapping</em>: after a swap the newcomer outweighs the evicted value by more than
 *       {@value #HYSTERESIS}; for the evicted one to come back the ratio must reverse to more than
 *       {@value #HYSTERESIS} the other way: a change of workload by more than {@value
 *       #HYSTERESIS}², not noise.</li>
 *   <li><em>No series goes backwards, the total stays right</em>: an evicted value's series is
 *       removed (the listener given to the factory removes its meters; Prometheus marks it stale),
 *       nothing is ever subtracted, and from then on its weight goes to {@value #OTHER}, which
 *       only grows; an admitted value starts a new series at zero. So each series is monotonic while
 *       it exists and {@code sum(rate(...))} over all values is right across every change; only
 *       the split of past weight between a value and {@value #OTHER} is lost.</li>
 *   <li><em>Bounded</em>: at most {@code n + 1} series and {@code n + 8n} tracked values, whatever
 *       the number of distinct values.</li>
 * </ul>
 *
 * <p>Cost: {@link #label} is a hash lookup (amortised O(log n) for a new value once the candidate
 * table is full); a rebalance sorts the candidates, O(n log n) ({@code bench/RESULTS.md}). Thread-safe
 * (one lock; the JFR stream and the map poller each call it from one thread).
 */
public final class TopNLabels {

    /*
     * Notes on the design (longer than the Javadoc should be).
     *
     * Why not "first n, reconsidered once a minute": an agent attached at start-up admits start-up
     * values (JDK classes, framework maps) that then hold their series against the incident's. The
     * decayed counts (as W-TinyLFU ages its sketch by halving, and as forward-decay heavy-hitter
     * sketches do) make the ranking follow the last few intervals; dividing by the equally decayed
     * observed time removes the bias against young values (as Adam's bias correction does for an
     * EWMA). Weight of the interval that just ended is counted undecayed, and so is its observed
     * time, so a constant rate is estimated exactly even when rebalances are late (no calls).
     * A value seen only at the end of an interval has its observed time floored at half an
     * interval (MIN_OBSERVED): a single burst cannot look like a high rate.
     *
     * Candidates: Space-Saving (Metwally et al.) keeps k counters and on a new value replaces the
     * minimum. We keep up to 2C candidates (C = 4n, at least 16) and, when the table is full, drop
     * the lighter half in one sort: amortised O(log C) per new value instead of a heap, and a value
     * is dropped only when C others weigh at least as much, so a value carrying more than 1/C of the
     * recent weight is never dropped. Unlike Space-Saving we do not let the newcomer inherit the
     * dropped count: counts are lower bounds, so a flood of distinct light values can never push one
     * of them into a series. After each rebalance the table is trimmed to C.
     *
     * The share floor (1/8 of a fair share) keeps values that carry almost nothing from churning
     * series when every member is idle (each admission is a new series in Prometheus' head block).
     */

    /** The label value for everything outside the top N. */
    public static final String OTHER = "other";

    private static final int DEFAULT_REBALANCE_SECONDS = 5;

    /** How often membership is reconsidered unless told otherwise; also the half-life of the counts. */
    public static final Duration DEFAULT_REBALANCE_INTERVAL =
            Duration.ofSeconds(DEFAULT_REBALANCE_SECONDS);

    private static final double HYSTERESIS = 2;
    private static final double PRIORITY_BOOST = 4;
    private static final int MIN_SHARE_DIVISOR = 8;
    private static final double MIN_OBSERVED = 0.5;

    /** One tracked value (or the whole stream): decayed count and observed time, in intervals. */
    private static final class Entry {
        final String value;
        final long since;
        int priority;
        double decayed;
        double recent;
        double observed;
        double rate;
        double score;

        Entry(String value, long since, int priority) {
            this.value = value;
            this.since = since;
            this.priority = priority;
        }

        double count() {
            return decayed + recent;
        }
    }

    private final int limit;
    private final int candidateLimit;
    private final long rebalanceNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> onEvict;
    private final Map<String, Entry> members = new HashMap<>();
    private final Map<String, Entry> candidates = new HashMap<>();
    private final Entry total;
    private long lastRebalance;

    private TopNLabels(
            int limit,
            Duration rebalanceInterval,
            LongSupplier nanoClock,
            Consumer<String> onEvict) {
        if (limit < 0) {
            throw new IllegalArgumentException("top-N limit must be >= 0, got " + limit);
        }
        if (rebalanceInterval.isNegative() || rebalanceInterval.isZero()) {
            throw new IllegalArgumentException(
                    "rebalance interval must be positive, got " + rebalanceInterval);
        }
        this.limit = limit;
        this.candidateLimit = Math.max(4 * limit, 16);
        this.rebalanceNanos = rebalanceInterval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.onEvict = Objects.requireNonNull(onEvict, "onEvict");
        this.lastRebalance = nanoClock.getAsLong();
        this.total = new Entry(OTHER, lastRebalance, 0);
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
    public static TopNLabels of(
            int limit,
            Duration rebalanceInterval,
            LongSupplier nanoClock,
            Consumer<String> onEvict) {
        return new TopNLabels(limit, rebalanceInterval, nanoClock, onEvict);
    }

    /** {@link #label(String, long, int)} at priority 0. */
    public String label(String value, long weight) {
        return label(value, weight, 0);
    }

    /**
     * Records {@code weight} for {@code value} and returns the label value to report it under:
     * {@code value} itself if it has its own series, else {@value #OTHER}. {@code priority} (0
     * first; the latest given counts) ranks {@code value} against values of other priorities.
     */
    public synchronized String label(String value, long weight, int priority) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be >= 0, got " + priority);
        }
        long now = nanoClock.getAsLong();
        if (now - lastRebalance >= rebalanceNanos) {
            rebalance(now);
        }
        total.recent += weight;
        Entry member = members.get(value);
        if (member != null) {
            member.recent += weight;
            member.priority = priority;
            return value;
        }
        Entry candidate = candidates.get(value);
        if (candidate == null) {
            if (members.size() < limit) {
                Entry admitted = new Entry(value, now, priority);
                admitted.recent = weight;
                members.put(value, admitted);
                return value;
            }
            if (candidates.size() >= 2 * candidateLimit) {
                keepHeaviestCandidates();
            }
            candidate = new Entry(value, now, priority);
            candidates.put(value, candidate);
        }
        candidate.recent += weight;
        candidate.priority = priority;
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

    /** How many values are tracked now (members and candidates): bounded by {@code 9n} (at least {@code n + 32}). */
    public synchronized int tracked() {
        return members.size() + candidates.size();
    }

    private void rebalance(long now) {
        double elapsed = (double) (now - lastRebalance) / rebalanceNanos;
        double factor = Math.pow(0.5, elapsed);
        age(total, now, factor);
        double floor = total.rate / MIN_SHARE_DIVISOR / Math.max(limit, 1);
        members.values().forEach(e -> age(e, now, factor));
        candidates.values().forEach(e -> age(e, now, factor));
        lastRebalance = now;

        List<Entry> byScore = new ArrayList<>(candidates.values());
        byScore.sort(Comparator.comparingDouble((Entry e) -> e.score).reversed());
        PriorityQueue<Entry> weakest =
                new PriorityQueue<>(
                        Math.max(members.size(), 1),
                        Comparator.comparingDouble((Entry e) -> e.score));
        weakest.addAll(members.values());
        for (Entry candidate : byScore) {
            Entry member = weakest.peek();
            if (member == null || candidate.score <= HYSTERESIS * member.score) {
                break;
            }
            if (candidate.rate < floor) {
                continue;
            }
            weakest.poll();
            members.remove(member.value);
            candidates.put(member.value, member);
            candidates.remove(candidate.value);
            members.put(candidate.value, candidate);
            weakest.add(candidate);
            onEvict.accept(member.value);
        }
        if (candidates.size() > candidateLimit) {
            keepHeaviestCandidates();
        }
    }

    /** Folds the interval that just ended into {@code e}'s decayed count, observed time and rate. */
    private void age(Entry e, long now, double factor) {
        double observedNow = (double) (now - Math.max(lastRebalance, e.since)) / rebalanceNanos;
        e.decayed = e.decayed * factor + e.recent;
        e.recent = 0;
        e.observed = e.observed * factor + Math.max(observedNow, 0);
        e.rate = e.decayed / Math.max(e.observed, MIN_OBSERVED);
        e.score = e.rate / Math.pow(PRIORITY_BOOST, e.priority);
    }

    private void keepHeaviestCandidates() {
        List<Entry> byCount = new ArrayList<>(candidates.values());
        byCount.sort(Comparator.comparingDouble(Entry::count).reversed());
        for (Entry dropped : byCount.subList(candidateLimit, byCount.size())) {
            candidates.remove(dropped.value);
        }
    }
}
