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
 * inlined: every kind pays the same (nil) indirection. With {@code jvm=POLLUTED} the fork first
 * uses every other strategy and counting mode through the library's shared paths ({@link
 * OtherStrategies}), as a real application does before it reaches this map; {@code CLEAN} does
 * not; {@code SHARED_SITE} also calls the other maps' {@code get} through this benchmark's own
 * call site (an application's helper shared by several maps). The figure for issue 21 is POLLUTED
 * over CLEAN for the same lookup, in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
@State(Scope.Benchmark)
public class CountingCostBenchmark {

    @Param public Lookup lookup;

    /** Whether the fork first uses the other strategies ({@link OtherStrategies}). */
    public enum Jvm {
        /** Nothing but this benchmark's map. */
        CLEAN,
        /** Every other strategy and counting mode used first, from other call sites. */
        POLLUTED,
        /** As {@code POLLUTED}, and this benchmark's own call site also saw the other maps. */
        SHARED_SITE
    }

    @Param({"CLEAN", "POLLUTED", "SHARED_SITE"})
    public Jvm jvm;

    Function<Integer, Integer> reader;

    /** The map over {@code load}'s keys ({@code -p missPercent=.. -p size=..}, {@link ReadOnlyLoad}). */
    @Setup
    public void createMap(ReadOnlyLoad.Keys load, Blackhole bh) {
        if (jvm == Jvm.POLLUTED) {
            bh.consume(OtherStrategies.warm());
        } else if (jvm == Jvm.SHARED_SITE) {
            bh.consume(OtherStrategies.warmThroughLookups());
        }
        reader = lookup.create(load.keySpace());
    }

    @Benchmark
    public void get(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(reader.apply(plan.key(plan.next())));
    }
}
