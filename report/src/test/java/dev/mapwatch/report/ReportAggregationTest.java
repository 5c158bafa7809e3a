package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bounded aggregates: rankings with an "other" bucket, downsampled timelines, live counts. */
class ReportAggregationTest {
    @Test
    void tallyRanksByTotalWeightAndFoldsTheRestIntoOther() {
        BoundedTally tally = new BoundedTally();
        tally.add("a", 10);
        tally.add("b", 30);
        tally.add("a", 25);
        tally.add("c", 5);
        Ranking ranking = tally.top(2);
        assertThat(ranking.top())
                .containsExactly(new Tally("a", 2, 35, 25), new Tally("b", 1, 30, 30));
        assertThat(ranking.other()).isEqualTo(new Tally(BoundedTally.OTHER, 1, 5, 5));
        assertThat(ranking.count()).isEqualTo(4);
        assertThat(ranking.total()).isEqualTo(70);
    }

    @Test
    void tallyAddsEventsTakenTogether() {
        BoundedTally tally = new BoundedTally();
        tally.add("a", 3, 90, 50);
        tally.add("a", 20);
        tally.add("b", 2, 10, 6);
        assertThat(tally.top(1).top()).containsExactly(new Tally("a", 4, 110, 50));
        assertThat(tally.top(1).other()).isEqualTo(new Tally(BoundedTally.OTHER, 2, 10, 6));
        assertThat(tally.top(1).count()).isEqualTo(6);
    }

    @Test
    void tallyKeepsAtMostItsCapacityAndLosesNoWeight() {
        BoundedTally tally = new BoundedTally(100);
        tally.add("heavy", 1_000_000);
        for (int i = 0; i < 10_000; i++) {
            tally.add("light-" + i, 1);
        }
        Ranking ranking = tally.top(1_000);
        assertThat(ranking.top()).hasSizeLessThanOrEqualTo(100);
        assertThat(ranking.top().get(0)).isEqualTo(new Tally("heavy", 1, 1_000_000, 1_000_000));
        long ranked = ranking.top().stream().mapToLong(Tally::total).sum();
        assertThat(ranked + ranking.other().total())
                .isEqualTo(ranking.total())
                .isEqualTo(1_000_000 + 10_000);
        assertThat(ranking.count()).isEqualTo(10_001);
    }

    @Test
    void timelineHalvesItsResolutionInsteadOfGrowingAndKeepsPeaks() {
        Timeline timeline = Timeline.keepingMax(8);
        for (int i = 0; i < 1000; i++) {
            timeline.add(i, i == 501 ? 1e6 : i);
        }
        List<TimePoint> points = timeline.points();
        assertThat(points).hasSizeBetween(4, 8);
        assertThat(points.get(0).epochMillis()).isZero();
        assertThat(points.stream().mapToDouble(TimePoint::value).max().orElseThrow())
                .isEqualTo(1e6);
        assertThat(points.stream().map(TimePoint::epochMillis).collect(Collectors.toList()))
                .isSorted();
    }

    @Test
    void timelineKeepingLastKeepsTheLaterValue() {
        Timeline timeline = Timeline.keepingLast(2);
        timeline.add(0, 1);
        timeline.add(1, 2);
        timeline.add(2, 3);
        assertThat(timeline.points()).containsExactly(new TimePoint(0, 2), new TimePoint(2, 3));
    }

    @Test
    void liveCountFindsThePeakWhateverTheOrderOfEvents() {
        long start = 1_000_000_000L;
        LiveCount live = new LiveCount(start, 1_000_000_000L);
        // Three threads overlap around 500 ms; events arrive ends-first.
        live.change(start + 900_000_000L, -1);
        live.change(start + 800_000_000L, -1);
        live.change(start + 700_000_000L, -1);
        live.change(start + 300_000_000L, 1);
        live.change(start + 400_000_000L, 1);
        live.change(start + 500_000_000L, 1);
        assertThat(live.peak(2)).isEqualTo(5);
        assertThat(live.netUpTo(start + 450_000_000L)).isEqualTo(2);
        List<TimePoint> timeline = live.timeline(2);
        assertThat(timeline).hasSizeLessThanOrEqualTo(Timeline.DEFAULT_CAPACITY);
        assertThat(timeline.get(0).value()).isEqualTo(2);
        assertThat(timeline.get(timeline.size() - 1).value()).isEqualTo(2);
        assertThat(timeline.stream().mapToDouble(TimePoint::value).max().orElseThrow())
                .isEqualTo(5);
    }

    @Test
    void liveCountIsExactWithinABucketAndAHandOverIsNoPeak() {
        long start = 0;
        long bucket = 1_000_000_000L / LiveCount.BUCKETS;
        LiveCount live = new LiveCount(start, 1_000_000_000L);
        // Within one bucket: a thread ends, another starts at the same instant, a third ends just
        // after the statistics sample at 10 buckets + 2 ns.
        long t = 10 * bucket;
        live.change(t + 1, 1);
        live.change(t + 1, -1);
        live.change(t + 3, -1);
        live.change(t, -1);
        assertThat(live.peak(3)).as("ends sort before starts at one instant").isEqualTo(3);
        assertThat(live.netUpTo(t + 2)).as("only the changes up to the instant").isEqualTo(-1);
    }

    @Test
    void theBaselineIsTheSmallestEstimateOfTheJvmsSamplesAsThreadsInTransitOnlyAddToThem() {
        long start = 0;
        LiveCount live = new LiveCount(start, 1_000_000_000L);
        // 5 threads alive before the recording. One starts at 100 ms (the JVM counted it at 99 ms),
        // another ends at 300 ms (the JVM uncounts it at 301 ms).
        live.change(100_000_000L, 1);
        live.change(300_000_000L, -1);
        List<LiveCount.Sample> samples =
                List.of(
                        new LiveCount.Sample(400_000_000L, 5), // after both: exact, 5 - (1 - 1)
                        new LiveCount.Sample(
                                99_500_000L, 6), // the starting thread already counted: 6 - 0
                        new LiveCount.Sample(
                                300_500_000L, 6)); // the ending one still counted: 6 - 0
        assertThat(live.baseline(samples)).isEqualTo(5);
        assertThat(live.peak(live.baseline(samples))).isEqualTo(6);
        assertThat(live.baseline(samples.subList(1, 3)))
                .as("every sample in transit: too high by one")
                .isEqualTo(6);
    }

    @Test
    void liveCountFallsBackToBucketsPastItsBound() {
        LiveCount live = new LiveCount(0, 1_000_000_000L);
        for (int i = 0; i < LiveCount.MAX_EXACT; i++) {
            live.change(1_000, 1);
            live.change(1_001, -1);
        }
        live.change(500_000_000L, 1);
        // Every pair nets out inside the first bucket; only the last start is seen in the peak.
        assertThat(live.peak(0)).isEqualTo(1);
        assertThat(live.netUpTo(999_999_999L)).isEqualTo(1);
    }

    @Test
    void threadNamesAreGroupedByPatternAndClassNamesReadAsInSource() {
        assertThat(ThreadChurnCollector.namePattern("pool-3-thread-17"))
                .isEqualTo("pool-#-thread-#");
        assertThat(ThreadChurnCollector.namePattern("")).isEqualTo("(unnamed)");
        assertThat(Events.sourceName("[I")).isEqualTo("int[]");
        assertThat(Events.sourceName("[[Ljava.lang.String;")).isEqualTo("java.lang.String[][]");
        assertThat(Events.sourceName("java.lang.Object")).isEqualTo("java.lang.Object");
    }
}
