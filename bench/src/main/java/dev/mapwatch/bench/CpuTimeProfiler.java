package dev.mapwatch.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU time: every operation of an iteration divided by the CPU time the whole
 * benchmark JVM used meanwhile ({@code -prof dev.mapwatch.bench.CpuTimeProfiler}, secondary
 * result {@code cpu.throughput} in ops per CPU-microsecond).
 *
 * <p>Why: on a shared machine whose load exceeds its cores, wall-clock throughput mostly measures
 * the share of the CPU the benchmark threads got from the scheduler. Operations per CPU time
 * divides that share out; it still charges everything the process does (GC, the map's own
 * threads), but not the time the benchmark waited for a core. With several threads it is the
 * throughput per busy core, so it does not show the speed-up of running on more cores, and a
 * thread descheduled while holding a lock still makes the others wait: ratios between maps
 * measured the same way are the figures to read.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-microsecond of the benchmark JVM (robust against other load on the machine)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams,
            IterationParams iterationParams,
            IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - cpuAtStart;
        long ops = result.getMetadata().getAllOps();
        if (cpuNanos <= 0 || ops <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult(
                        "cpu.throughput",
                        ops * 1000.0 / cpuNanos,
                        "ops/cpu-us",
                        AggregationPolicy.AVG));
    }
}
