package dev.mapwatch.bench;

import dev.mapwatch.workload.OperationPlan;
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

    Function<Integer, Integer> reader;

    /** The map over {@code load}'s keys ({@code -p missPercent=.. -p size=..}, {@link ReadOnlyLoad}). */
    @Setup
    public void createMap(ReadOnlyLoad.Keys load) {
        reader = lookup.create(load.keySpace());
    }

    @Benchmark
    public void get(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(reader.apply(plan.key(plan.next())));
    }
}
