package dev.mapwatch.bench;

import dev.mapwatch.agent.bench.KeySpace;
import dev.mapwatch.agent.bench.OperationPlan;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * What counting costs on the hot path: read-only {@code get} at {@code missPercent}% misses, two
 * threads, for each {@link Lookup}. The figure that counts is the ratio of a counted lookup to
 * {@link Lookup#RAW_CHM} from the same run (target: at least 0.90 at every miss rate).
 *
 * <p>Each fork runs one lookup kind only, so the call through {@link Function} is monomorphic and
 * inlined: every kind pays the same (nil) indirection.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
@State(Scope.Benchmark)
public class CountingCostBenchmark {

    @Param
    public Lookup lookup;

    @Param({"0", "50", "99"})
    public int missPercent;

    @Param({"1024"})
    public int size;

    Function<Integer, Integer> reader;
    KeySpace keys;

    @Setup
    public void createMap() {
        keys = new KeySpace(size);
        reader = lookup.create(keys);
    }

    /** A thread's own read-only plan and cursor. */
    @State(Scope.Thread)
    public static class Cursor {
        OperationPlan plan;

        @Setup
        public void createPlan(CountingCostBenchmark bench, ThreadParams thread) {
            plan = new OperationPlan(bench.keys, 100, bench.missPercent, 0xC0DE_0000L + thread.getThreadIndex());
        }
    }

    @Benchmark
    public void get(Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(reader.apply(plan.key(plan.next())));
    }
}
