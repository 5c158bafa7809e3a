package dev.mapwatch.bench;

import dev.mapwatch.workload.KeySpace;
import dev.mapwatch.workload.OperationPlan;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The read-only load of the lookup benchmarks ({@link CountingCostBenchmark}, {@code
 * instrument.CallSiteBenchmark}): {@code size} present keys, and each thread's own plan of
 * lookups with exactly {@code missPercent}% misses. A benchmark fills its map from {@link Keys}
 * in its own {@code @Setup} and reads {@code cursor.plan} in its measured method.
 */
public final class ReadOnlyLoad {

    private ReadOnlyLoad() {}

    /** The keys, shared by the benchmark's threads; JMH parameters {@code missPercent} and {@code size}. */
    @State(Scope.Benchmark)
    public static class Keys {

        @Param({"0", "50", "99"})
        public int missPercent;

        @Param({"1024"})
        public int size;

        KeySpace keys;

        @Setup
        public void createKeys() {
            keys = new KeySpace(size);
        }

        /** The keys to fill a map with and to look up. */
        public KeySpace keySpace() {
            return keys;
        }
    }

    /** A thread's own read-only plan and cursor, seeded by the thread's index. */
    @State(Scope.Thread)
    public static class Cursor {

        public OperationPlan plan;

        @Setup
        public void createPlan(Keys keys, ThreadParams thread) {
            plan =
                    new OperationPlan(
                            keys.keys,
                            100,
                            keys.missPercent,
                            0xC0DE_0000L + thread.getThreadIndex());
        }
    }
}
