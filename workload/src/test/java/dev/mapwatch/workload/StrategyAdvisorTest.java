package dev.mapwatch.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyAdvisorTest {

    @Test
    void picksTheFastestStrategyNotTheUncountedReference() {
        List<StrategyScore> scores =
                List.of(
                        score(MapKind.RAW_CHM, 100),
                        score(MapKind.CONCURRENT, 50),
                        score(MapKind.SYNC_MAP, 80),
                        score(MapKind.LOCKED, 10),
                        score(MapKind.STRIPED, 20),
                        score(MapKind.SNAPSHOT, 70));

        StrategyAdvisor.Advice advice = StrategyAdvisor.advise(scores);

        assertThat(advice.pick()).isEqualTo(MapKind.SYNC_MAP);
        assertThat(advice.reason())
                .isEqualTo(
                        "the fastest counted strategy here, 1.60x the throughput of CONCURRENT (the default)");
    }

    @Test
    void warnsWhenTheLeadIsInsideTheNoise() {
        List<StrategyScore> scores =
                List.of(
                        new StrategyScore(MapKind.CONCURRENT, 50, 40, 70),
                        new StrategyScore(MapKind.SNAPSHOT, 60, 55, 65));

        assertThat(StrategyAdvisor.advise(scores).reason())
                .endsWith(
                        "; the slices' ranges overlap, so measure longer (without --quick, or a longer --slice) before switching");
    }

    @Test
    void concurrentWhenItIsTheFastest() {
        List<StrategyScore> scores =
                List.of(
                        score(MapKind.RAW_CHM, 200),
                        score(MapKind.CONCURRENT, 100),
                        score(MapKind.LOCKED, 10));

        assertThat(StrategyAdvisor.advise(scores))
                .isEqualTo(
                        new StrategyAdvisor.Advice(
                                MapKind.CONCURRENT,
                                "the fastest counted strategy here, and the default: no tombstones, promotions or copies to watch"));
    }

    @Test
    void prefersConcurrentWithinFivePercentOfTheFastest() {
        List<StrategyScore> scores =
                List.of(score(MapKind.CONCURRENT, 95.5), score(MapKind.SNAPSHOT, 100));
        List<StrategyScore> outside =
                List.of(score(MapKind.CONCURRENT, 94.5), score(MapKind.SNAPSHOT, 100));

        assertThat(StrategyAdvisor.advise(scores).pick()).isEqualTo(MapKind.CONCURRENT);
        assertThat(StrategyAdvisor.advise(scores).reason())
                .isEqualTo(
                        "within 5% of the fastest, SNAPSHOT (0.96 of its"
                                + " throughput), and the default: no tombstones, promotions or copies to watch");
        assertThat(StrategyAdvisor.advise(outside).pick()).isEqualTo(MapKind.SNAPSHOT);
    }

    @Test
    void comparisonScoresEveryMapKindInOrder() {
        var settings = new QuickComparison.Settings(Duration.ofMillis(5), 0, 3);

        List<StrategyScore> scores = QuickComparison.run(new Workload(50, 50, 2), settings);

        assertThat(scores).extracting(StrategyScore::kind).containsExactly(MapKind.values());
        assertThat(scores)
                .allSatisfy(
                        s -> {
                            assertThat(s.minOpsPerMicro()).isPositive();
                            assertThat(s.medianOpsPerMicro())
                                    .isBetween(s.minOpsPerMicro(), s.maxOpsPerMicro());
                        });
    }

    @Test
    void rejectsImpossibleWorkloads() {
        assertThatThrownBy(() -> new Workload(101, 50, 1))
                .hasMessageContaining("miss rate must be 0 to 100 %, got 101");
        assertThatThrownBy(() -> new Workload(0, -1, 1)).hasMessageContaining("read share");
        assertThatThrownBy(() -> new Workload(0, 50, 0))
                .hasMessageContaining("threads must be 1 to 256, got 0");
    }

    private static StrategyScore score(MapKind kind, double median) {
        return new StrategyScore(kind, median, median, median);
    }
}
