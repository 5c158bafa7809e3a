package dev.mapwatch.bpf.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapwatch.bpf.run.Interval;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thread-name folding, the label budget, histogram buckets and intervals. */
class SmallPartsTest {

    @Test
    void foldsDigitRuns() {
        assertThat(ThreadNames.fold("pool-3-thread-17")).isEqualTo("pool-N-thread-N");
        assertThat(ThreadNames.fold("ForkJoinPool-1-worker-123"))
                .isEqualTo("ForkJoinPool-N-worker-N");
        assertThat(ThreadNames.fold("main")).isEqualTo("main");
        assertThat(ThreadNames.fold("")).isEqualTo("unnamed");
    }

    @Test
    void budgetAdmitsTheHeaviestFirstAndSticks() {
        LabelBudget budget = new LabelBudget(2);
        assertThat(budget.assign(Map.of("a", 1, "b", 10, "c", 5)))
                .isEqualTo(Map.of("b", "b", "c", "c", "a", "other"));
        // a grows past both, but the admitted set stays: counters never move between series.
        assertThat(budget.assign(Map.of("a", 100, "b", 10, "c", 5)))
                .isEqualTo(Map.of("b", "b", "c", "c", "a", "other"));
        assertThat(budget.labelOf("b")).isEqualTo("b");
        assertThat(budget.labelOf("z")).isEqualTo("other");
        assertThatThrownBy(() -> new LabelBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bpftraceBucketsFallIntoOneFixedBucket() {
        // bpftrace buckets [0,0], [1,1], [2,3], [4,7], [8,15], [16,31] us -> le 1, 4, 4, 16, 16, 64
        // us.
        assertThat(HistogramFamily.index(0)).isZero();
        assertThat(HistogramFamily.index(1)).isEqualTo(1);
        assertThat(HistogramFamily.index(3)).isEqualTo(1);
        assertThat(HistogramFamily.index(7)).isEqualTo(2);
        assertThat(HistogramFamily.index(15)).isEqualTo(2);
        assertThat(HistogramFamily.index(31)).isEqualTo(3);
        assertThat(HistogramFamily.index(-1)).isZero();
        assertThat(HistogramFamily.index(Long.MAX_VALUE)).isEqualTo(17); // +Inf
    }

    @Test
    void intervalsAreWholeSeconds() {
        assertThat(Interval.parse("5s").seconds()).isEqualTo(5);
        assertThat(Interval.parse("2m").seconds()).isEqualTo(120);
        assertThat(Interval.parse("7").seconds()).isEqualTo(7);
        assertThatThrownBy(() -> Interval.parse("500ms"))
                .hasMessageContaining("bad interval '500ms'");
        assertThatThrownBy(() -> Interval.parse("0s")).hasMessageContaining("between 1s and 24h");
        assertThatThrownBy(() -> Interval.parse("-1s")).hasMessageContaining("bad interval");
    }
}
