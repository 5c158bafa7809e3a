package dev.mapwatch.exporter.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each guarantee of {@link TopNLabels}' Javadoc, on a fake clock and a workload driven in 100 ms ticks. */
class TopNLabelsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final long TICK = Duration.ofMillis(100).toNanos();

    private final AtomicLong clock = new AtomicLong();
    private final List<String> evicted = new ArrayList<>();

    /** What a registry would hold: the live series (label to its value) and the values of ended ones. */
    private final Map<String, Long> series = new HashMap<>();

    private long endedTotal;
    private long truth;

    private TopNLabels labels(int limit) {
        return TopNLabels.of(
                limit,
                INTERVAL,
                clock::get,
                value -> {
                    assertThat(series)
                            .as("only a value with a series is evicted")
                            .containsKey(value);
                    endedTotal += series.remove(value);
                    evicted.add(value);
                });
    }

    /** Reports {@code weight} of {@code value} as a bounded meter would; returns the label used. */
    private String report(TopNLabels labels, String value, long weight, int priority) {
        String label = labels.label(value, weight, priority);
        assertThat(label).isIn(value, TopNLabels.OTHER);
        if (label.equals(value)) {
            assertThat(labels.members()).contains(value);
        }
        series.merge(label, weight, Long::sum);
        truth += weight;
        return label;
    }

    /**
     * Runs {@code perSecond} (value to weight per second) for {@code seconds}; returns, per value,
     * the clock (in seconds) at which it was first reported under its own label, if it was.
     */
    private Map<String, Double> run(
            TopNLabels labels, Map<String, Long> perSecond, double seconds) {
        Map<String, Double> named = new LinkedHashMap<>();
        long ticks = Math.round(seconds * 10);
        for (long t = 0; t < ticks; t++) {
            clock.addAndGet(TICK);
            perSecond.forEach(
                    (value, rate) -> {
                        int priority = value.startsWith("late.") ? 1 : 0;
                        if (rate > 0 && report(labels, value, rate / 10, priority).equals(value)) {
                            named.putIfAbsent(value, clock.get() / 1e9);
                        }
                    });
        }
        return named;
    }

    private double now() {
        return clock.get() / 1e9;
    }

    @Test
    void whileThereIsRoomEveryValueIsAdmittedOnFirstSight() {
        TopNLabels labels = labels(2);
        assertThat(report(labels, "a", 1, 0)).isEqualTo("a");
        assertThat(report(labels, "b", 1, 0)).isEqualTo("b");
        assertThat(report(labels, "c", 1_000, 0)).isEqualTo(TopNLabels.OTHER);
        assertThat(report(labels, "a", 1, 0)).isEqualTo("a");
        assertThat(labels.members()).containsExactlyInAnyOrder("a", "b");
        assertThat(evicted).isEmpty();
    }

    @Test
    void aLateHeavyValueIsNamedAtTheEndOfItsFirstInterval() {
        TopNLabels labels = labels(2);
        run(labels, Map.of("a", 1_000L, "b", 1_000L), 60);
        // the interval boundaries are at multiples of 5 s; "c" starts 0.1 s into one
        double started = now();
        Map<String, Double> named = run(labels, Map.of("a", 1_000L, "b", 100L, "c", 10_000L), 20);

        assertThat(named.get("c"))
                .as("named at the end of the interval it started in")
                .isLessThanOrEqualTo(started + INTERVAL.toSeconds() + 0.1);
        assertThat(evicted).containsExactly("b");
    }

    @Test
    void aHeavyValueSeenOnlyLateInAnIntervalIsNamedWithinTwoIntervals() {
        TopNLabels labels = labels(2);
        run(labels, Map.of("a", 1_000L, "b", 1_000L), 63.9); // "c" starts 1.1 s before a boundary
        double started = now();
        Map<String, Double> named = run(labels, Map.of("a", 1_000L, "b", 1_000L, "c", 3_000L), 20);

        assertThat(named.get("c")).isLessThanOrEqualTo(started + 2 * INTERVAL.toSeconds());
        assertThat(named.get("c"))
                .as("one short burst is not judged as a rate (floor of half an interval)")
                .isGreaterThan(started + 1.1);
    }

    @Test
    void idleMembersGiveTheirSeriesToBusierValues() {
        TopNLabels labels = labels(2);
        run(labels, Map.of("a", 1_000L, "b", 1_000L), 30); // start-up: busy
        double started = now();
        // a and b go idle; c is a tenth of what they were. Their counts halve every 5 s: c (100/s)
        // outweighs twice a's decayed rate once 1000 * 2^-k < 50, after 5 intervals.
        Map<String, Double> named = run(labels, Map.of("c", 100L, "d", 100L), 60);

        assertThat(named.get("c")).isLessThanOrEqualTo(started + 6 * INTERVAL.toSeconds());
        assertThat(named.get("d")).isLessThanOrEqualTo(started + 6 * INTERVAL.toSeconds());
        assertThat(labels.members()).containsExactlyInAnyOrder("c", "d");
        assertThat(evicted).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void valuesOfSimilarWeightDoNotFlapWhateverTheNoise() {
        TopNLabels labels = labels(2);
        Random random = new Random(20);
        for (int i = 0; i < 600; i++) { // ten minutes, each second's weights jittered by +-25 %
            long jitter = 75 + random.nextInt(51);
            run(labels, Map.of("a", 100 * jitter, "b", 100 * (200 - jitter), "c", 110 * jitter), 1);
        }
        assertThat(evicted)
                .as(
                        "c is at most 1.83 x the lighter member, b at most 1.67 x a: inside the hysteresis")
                .isEmpty();
    }

    @Test
    void anEvictedValueDoesNotComeBackForAChangeInsideTheHysteresis() {
        TopNLabels labels = labels(2);
        run(labels, Map.of("a", 1_000L, "b", 1_000L), 30);
        run(labels, Map.of("a", 1_000L, "b", 1_000L, "c", 3_000L), 30);
        assertThat(evicted).hasSize(1);
        // c drops to a little below the value it evicted: nothing moves
        run(labels, Map.of("a", 1_000L, "b", 1_000L, "c", 600L), 120);
        assertThat(evicted).hasSize(1);
        assertThat(labels.members()).contains("c");
    }

    @Test
    void everySeriesOnlyGrowsAndAllSeriesAddUpToTheTruthAcrossEveryChange() {
        TopNLabels labels = labels(5);
        Random random = new Random(7);
        Map<String, Long> previous = new HashMap<>();
        for (int phase = 0; phase < 40; phase++) { // the busiest values change every 15 s
            Map<String, Long> workload = new HashMap<>();
            for (int v = 0; v < 12; v++) {
                workload.put("v" + random.nextInt(30), (long) (1 + random.nextInt(5_000)));
            }
            for (int second = 0; second < 15; second++) {
                run(labels, workload, 1);
                long exported =
                        endedTotal + series.values().stream().mapToLong(Long::longValue).sum();
                assertThat(exported).isEqualTo(truth);
                series.forEach(
                        (label, value) -> {
                            Long before = previous.get(label);
                            assertThat(before == null || value >= before)
                                    .as("%s went backwards", label)
                                    .isTrue();
                        });
                previous.keySet()
                        .retainAll(series.keySet()); // an ended series is gone, a later one starts
                // at 0
                previous.putAll(series);
            }
        }
        assertThat(evicted).as("the workload changed: members did change").isNotEmpty();
        assertThat(series.size()).isLessThanOrEqualTo(5 + 1);
    }

    @Test
    void aFloodOfDistinctValuesStaysBoundedAndDoesNotHideTheHeavyOne() {
        TopNLabels labels = labels(20);
        long distinct = 0;
        for (int tick = 0; tick < 600; tick++) { // 60 s, 10 000 new values a second
            clock.addAndGet(TICK);
            for (int i = 0; i < 1_000; i++) {
                report(labels, "flood" + distinct++, 1, 0);
            }
            report(labels, "heavy", 2_000, 0);
            assertThat(labels.tracked()).isLessThanOrEqualTo(9 * 20);
        }
        assertThat(labels.members()).contains("heavy");
        assertThat(evicted)
                .as("only the heavy value displaced one of the first 20; no flood value churned in")
                .hasSize(1);
        assertThat(endedTotal + series.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(truth);
    }

    @Test
    void anEarlierPriorityWinsAgainstAnEquallyBusyLaterOne() {
        TopNLabels labels = labels(1);
        run(labels, Map.of("late.framework", 1_000L), 30); // priority 1, admitted first
        Map<String, Double> named =
                run(labels, Map.of("late.framework", 1_000L, "app", 1_000L), 30);
        assertThat(named).containsKey("app");
        assertThat(evicted).containsExactly("late.framework");

        // three times busier is not enough to take it back (4 x 2 = 8 times would be)
        run(labels, Map.of("late.framework", 3_000L, "app", 1_000L), 60);
        assertThat(labels.members()).containsExactly("app");
        run(labels, Map.of("late.framework", 9_000L, "app", 1_000L), 30);
        assertThat(labels.members()).containsExactly("late.framework");
    }

    @Test
    void forgetFreesAPlaceAtOnce() {
        TopNLabels labels = labels(1);
        report(labels, "a", 1, 0);
        labels.forget("a");
        assertThat(report(labels, "b", 1, 0)).isEqualTo("b");
    }

    @Test
    void rejectsANegativeLimitOrPriority() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TopNLabels.of(-1, v -> {}))
                .withMessageContaining("-1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TopNLabels.of(1, v -> {}).label("a", 1, -2))
                .withMessageContaining("-2");
    }
}
