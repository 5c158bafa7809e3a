package dev.mapwatch.bench.caches;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mapwatch.bench.ReadOnlyLoad;
import dev.mapwatch.bootstrap.CacheBuilds;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.workload.OperationPlan;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * What counting a Caffeine cache costs ({@code maps=}, no code change): {@code getIfPresent} on a
 * bounded Caffeine cache of {@code size} keys at {@code missPercent}% misses ({@link
 * ReadOnlyLoad}), two threads, built {@link Stats#NONE plainly}, with the application's own {@link
 * Stats#RECORD_STATS recordStats()}, {@link Stats#MAPWATCH counted} as the agent counts it (the
 * builder hooked by {@code CacheBuilds.building} exactly as the rewritten build site does), and
 * {@link Stats#BOTH both} (an application that records its own statistics, counted too). The goal:
 * {@code MAPWATCH} costs no more than {@code RECORD_STATS}; the figures that count are the ratios
 * to {@code NONE} from the same run (bench/RESULTS.md section 8).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
@State(Scope.Benchmark)
public class CacheBenchmark {

    /** How the cache records its statistics. */
    public enum Stats {
        NONE,
        RECORD_STATS,
        MAPWATCH,
        BOTH
    }

    @Param public Stats stats;

    @Param({"EXACT"})
    public Counting counting;

    Cache<Integer, Integer> cache;

    @Setup
    public void build(ReadOnlyLoad.Keys load) {
        MapSites.counting(counting.name());
        Consumer<String> fail =
                line -> {
                    throw new IllegalStateException(line);
                };
        CacheBuilds.install(Map.of(), fail); // the hooks are on this class path
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(1L << 20);
        if (stats == Stats.RECORD_STATS || stats == Stats.BOTH) {
            builder.recordStats();
        }
        if (stats == Stats.MAPWATCH || stats == Stats.BOTH) {
            CacheBuilds.building(builder, MapSites.register("bench.CacheBenchmark.cache"));
        }
        cache = builder.build();
        load.keySpace().fill(cache.asMap());
    }

    @Benchmark
    public void getIfPresent(ReadOnlyLoad.Cursor cursor, Blackhole bh) {
        OperationPlan plan = cursor.plan;
        bh.consume(cache.getIfPresent(plan.key(plan.next())));
    }
}
