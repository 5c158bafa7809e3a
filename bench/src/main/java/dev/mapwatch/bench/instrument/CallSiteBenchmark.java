package dev.mapwatch.bench.instrument;

import dev.mapwatch.workload.OperationPlan;
import dev.mapwatch.bench.ReadOnlyLoad;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * What {@code maps=} costs on the hot path: {@link FieldLookup}'s {@code map.get(key)} over a
 * {@code ConcurrentHashMap} of {@code size} keys at {@code missPercent}% misses ({@link ReadOnlyLoad}), two threads, as
 * compiled ({@link Site#PLAIN}, the baseline), rewritten as the agent rewrites it ({@link
 * Site#REWRITTEN}: the same bytecode plus the helper call), and, for reference, the same plain code
 * over a counted mapwatch map ({@link Site#MAPWATCH_MAP}, {@code MapWatch.instrument}). The figure
 * that counts is each ratio to {@code PLAIN} from the same run. {@code counting} is how the
 * rewritten site and the mapwatch map count (the agent's {@code mapsCounting=}): {@code -p
 * counting=EXACT,SAMPLED,OFF} compares the modes.
 *
 * <p>Each fork runs one kind only, so the call through {@link Function} is monomorphic and inlined.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
@State(Scope.Benchmark)
public class CallSiteBenchmark {

    /** How the map call is made. */
    public enum Site { PLAIN, REWRITTEN, MAPWATCH_MAP }

    @Param
    public Site site;

    @Param({"EXACT"})
    public Counting counting;

    Function<Integer, Integer> reader;

    @Setup
    @SuppressWarnings("unchecked")
    public void createReader(ReadOnlyLoad.Keys load) throws ReflectiveOperationException {
        MapSites.counting(counting.name()); // before the rewritten site registers its counters
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        load.keySpace().fill(map);
        reader = switch (site) {
            case PLAIN -> new FieldLookup(map);
            case REWRITTEN -> (Function<Integer, Integer>) Rewritten.of(FieldLookup.class)
                    .getConstructor(Map.class).newInstance(map);
            case MAPWATCH_MAP -> new FieldLookup(MapWatch.builder("bench-call-site").counting(counting).instrument(map));
        };
    }

    @Benchmark
    public void get(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(reader.apply(plan.key(plan.next())));
    }
}
