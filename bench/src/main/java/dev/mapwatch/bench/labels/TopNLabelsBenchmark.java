package dev.mapwatch.bench.labels;

import dev.mapwatch.exporter.labels.TopNLabels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link TopNLabels} costs: one rebalance with {@code limit} members and a full candidate
 * table (the agent's largest budget is {@code topN=10000}), and one {@code label} call between
 * rebalances. The workload is skewed and moves: every interval each of {@code 9 * limit} values
 * gets weight (Zipf-like, weight 10<sup>6</sup>/rank) and the ranks rotate by 7 places, so
 * rebalances do swap members.
 */
@Fork(1)
public class TopNLabelsBenchmark {

    private static final long INTERVAL = Duration.ofSeconds(5).toNanos();

    /** A bound filled with four intervals of the workload, on a clock of its own. */
    @State(Scope.Thread)
    public static class Filled {
        @Param({"64", "10000"})
        public int limit;

        long now;
        TopNLabels labels;
        String[] values;
        int round;
        int next;

        @Setup(Level.Trial)
        public void fill() {
            labels = TopNLabels.of(limit, Duration.ofNanos(INTERVAL), () -> now, value -> {});
            values = new String[9 * limit];
            for (int i = 0; i < values.length; i++) {
                values[i] = "com.example.Value" + i;
            }
            for (int r = 0; r < 4; r++) {
                feed();
            }
        }

        /** One interval's weights for every value, then the clock passes the interval's end. */
        void feed() {
            round++;
            for (int i = 0; i < values.length; i++) {
                int rank = (i + round * 7) % values.length;
                labels.label(values[i], 1 + 1_000_000L / (1 + rank));
            }
            now += INTERVAL;
        }
    }

    /** As {@link Filled}, with a new interval's weights before each invocation. */
    @State(Scope.Thread)
    public static class DueForRebalance extends Filled {
        @Setup(Level.Invocation)
        public void nextInterval() {
            feed();
        }
    }

    /** The first call after an interval: the rebalance (decay, ranking, swaps, trimming the candidates). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String rebalance(DueForRebalance state) {
        return state.labels.label(state.values[0], 1);
    }

    /** A call between rebalances, for a member or a candidate (cycling through all values). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String labelBetweenRebalances(Filled state) {
        state.next = state.next + 1 == state.values.length ? 0 : state.next + 1;
        return state.labels.label(state.values[state.next], 3);
    }
}
