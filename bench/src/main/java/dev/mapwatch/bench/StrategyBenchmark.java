package dev.mapwatch.bench;

import dev.mapwatch.workload.KeySpace;
import dev.mapwatch.workload.MapKind;
import dev.mapwatch.workload.OperationPlan;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Every strategy under one mixed workload: {@code readPercent}% reads, the rest writes, {@code
 * missPercent}% of all operations on absent keys (see {@link OperationPlan} for what a write on an
 * absent key does). One shared map, one precomputed plan per thread.
 *
 * <p>Threads come from the command line ({@code -t 1}, {@code -t 2}); bytes per operation from
 * {@code -prof gc} ({@code gc.alloc.rate.norm}). See {@code bench/RESULTS.md} for the commands.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StrategyBenchmark {

    @Param public MapKind map;

    @Param({"0", "50", "99"})
    public int missPercent;

    @Param({"100", "90", "50"})
    public int readPercent;

    /** Present keys (as many absent ones again). */
    @Param({"1024"})
    public int size;

    /** {@code false} builds the strategies with {@code recordStats(false)}. */
    @Param({"true"})
    public boolean recordStats;

    ConcurrentMap<Integer, Integer> target;
    KeySpace keys;

    @Setup
    public void createMap() {
        keys = new KeySpace(size);
        target = map.create(recordStats);
        keys.fill(target);
    }

    /** A thread's own plan and cursor: no shared state besides the map. */
    @State(Scope.Thread)
    public static class Cursor {
        OperationPlan plan;

        @Setup
        public void createPlan(StrategyBenchmark bench, ThreadParams thread) {
            plan =
                    new OperationPlan(
                            bench.keys,
                            bench.readPercent,
                            bench.missPercent,
                            0x5EED_0000L + thread.getThreadIndex());
        }
    }

    @Benchmark
    public void operation(Cursor cursor, Blackhole bh) {
        bh.consume(cursor.plan.performNext(target));
    }
}
