package dev.mapwatch.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyAdvisorTest {

    @Test
    void picksTheFastestStrategyNotTheUncountedReference() {
        List<StrategyScore> scores = List.of(
                score(MapKind.RAW_CHM, 100), score(MapKind.CONCURRENT, 50), score(MapKind.SYNC_MAP, 80),
                score(MapKind.LOCKED, 10), score(MapKind.STRIPED, 20), score(MapKind.SNAPSHOT, 70));

        assertThat(StrategyAdvisor.pick(scores)).isEqualTo(MapKind.SYNC_MAP);
    }

    @Test
    void prefersConcurrentWithinFivePercentOfTheFastest() {
        List<StrategyScore> scores = List.of(score(MapKind.CONCURRENT, 95.5), score(MapKind.SNAPSHOT, 100));
        List<StrategyScore> outside = List.of(score(MapKind.CONCURRENT, 94.5), score(MapKind.SNAPSHOT, 100));

        assertThat(StrategyAdvisor.pick(scores)).isEqualTo(MapKind.CONCURRENT);
        assertThat(StrategyAdvisor.pick(outside)).isEqualTo(MapKind.SNAPSHOT);
    }

    @Test
    void comparisonScoresEveryMapKindInOrder() {
        var settings = new QuickComparison.Settings(Duration.ofMillis(5), 0, 3);

        List<StrategyScore> scores = QuickComparison.run(new Workload(50, 50, 2), settings);

        assertThat(scores).extracting(StrategyScore::kind).containsExactly(MapKind.values());
        assertThat(scores).allSatisfy(s -> {
            assertThat(s.minOpsPerMicro()).isPositive();
            assertThat(s.medianOpsPerMicro()).isBetween(s.minOpsPerMicro(), s.maxOpsPerMicro());
        });
    }

    @Test
    void rejectsImpossibleWorkloads() {
        assertThatThrownBy(() -> new Workload(101, 50, 1)).hasMessageContaining("miss rate must be 0 to 100 %, got 101");
        assertThatThrownBy(() -> new Workload(0, -1, 1)).hasMessageContaining("read share");
        assertThatThrownBy(() -> new Workload(0, 50, 0)).hasMessageContaining("threads must be 1 to 256, got 0");
    }

    @Test
    void jsonNamesEveryScoreAndThePick() {
        String json = StrategyAdvisor.json(new Workload(1, 2, 3), List.of(score(MapKind.CONCURRENT, 1.5)), MapKind.CONCURRENT);

        assertThat(json).isEqualTo("{\"missPercent\":1,\"readPercent\":2,\"threads\":3,\"unit\":\"ops/us\",\"scores\":"
                + "[{\"map\":\"CONCURRENT\",\"median\":1.5000,\"min\":1.5000,\"max\":1.5000}],\"pick\":\"CONCURRENT\"}\n");
    }

    private static StrategyScore score(MapKind kind, double median) {
        return new StrategyScore(kind, median, median, median);
    }
}
