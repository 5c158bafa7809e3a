package dev.mapwatch.bench.instrument;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mapwatch.bench.ReadOnlyLoad;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.workload.OperationPlan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * With {@code polluted=true} the fork first runs other rewritten call sites ({@link Polluter}) over
 * four map classes ({@code ConcurrentHashMap}, {@code ConcurrentSkipListMap}, a mapwatch map,
 * Caffeine's {@code asMap()}), as a real JVM does, so that whatever the rewritten sites share has
 * seen them all; the figure that counts there is its ratio to {@code polluted=false} in the same
 * run. {@link #merge} measures a counted {@code merge} (its allocation with {@code -prof gc},
 * against {@code PLAIN}'s; run it with {@code -p missPercent=0}).
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
    public enum Site {
        PLAIN,
        REWRITTEN,
        MAPWATCH_MAP
    }

    @Param public Site site;

    @Param({"EXACT"})
    public Counting counting;

    @Param({"false", "true"})
    public boolean polluted;

    Function<Integer, Integer> reader;
    Function<Integer, Integer> merger;

    @Setup
    @SuppressWarnings("unchecked")
    public void createReader(ReadOnlyLoad.Keys load) throws ReflectiveOperationException {
        MapSites.counting(counting.name()); // before the rewritten site registers its counters
        if (polluted) {
            pollute();
        }
        reader = (Function<Integer, Integer>) create(FieldLookup.class, filled(load));
        merger = (Function<Integer, Integer>) create(FieldMerge.class, filled(load));
    }

    private static ConcurrentHashMap<Integer, Integer> filled(ReadOnlyLoad.Keys load) {
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        load.keySpace().fill(map);
        return map;
    }

    /** {@code type} over {@code map}, as {@link #site} says. */
    private Object create(Class<?> type, ConcurrentHashMap<Integer, Integer> map)
            throws ReflectiveOperationException {
        return switch (site) {
            case PLAIN -> type.getConstructor(Map.class).newInstance(map);
            case REWRITTEN -> Rewritten.of(type).getConstructor(Map.class).newInstance(map);
            case MAPWATCH_MAP ->
                    type.getConstructor(Map.class)
                            .newInstance(
                                    MapWatch.builder("bench-" + type.getSimpleName())
                                            .counting(counting)
                                            .instrument(map));
        };
    }

    /** Runs {@link Polluter}'s rewritten call sites over four map classes until they are compiled. */
    private void pollute() throws ReflectiveOperationException {
        Class<?> polluter = Rewritten.of(Polluter.class);
        List<Map<Integer, Integer>> maps =
                List.of(
                        new ConcurrentHashMap<>(),
                        new ConcurrentSkipListMap<>(),
                        MapWatch.builder("bench-polluter")
                                .counting(counting)
                                .instrument(new ConcurrentHashMap<>()),
                        Caffeine.newBuilder().<Integer, Integer>build().asMap());
        for (int round = 0; round < 200; round++) {
            for (Map<Integer, Integer> map : maps) {
                ((Runnable) polluter.getConstructor(Map.class).newInstance(map)).run();
            }
        }
    }

    @Benchmark
    public void get(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(reader.apply(plan.key(plan.next())));
    }

    @Benchmark
    public void merge(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(merger.apply(plan.key(plan.next())));
    }
}
