package dev.mapwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.workload.MapKind;
import java.util.Arrays;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks compiling and runnable: one 50 ms iteration of every map kind and every
 * lookup kind, in this JVM (no fork, no warm-up). Not a measurement: the figures are only checked
 * to be there.
 */
class BenchmarksSmokeTest {

    static {
        // A 50 ms smoke run needs no exclusive machine: do not fail while a real JMH run holds
        // /tmp/jmh.lock (a maintainer benchmarking on the same host).
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void everyStrategyRunsTheMixedWorkload() throws RunnerException {
        Collection<RunResult> results =
                run(
                        quick(StrategyBenchmark.class)
                                .param("missPercent", "50")
                                .param("readPercent", "50")
                                .threads(2));

        assertThat(results).hasSize(MapKind.values().length);
        assertThat(results)
                .extracting(r -> r.getParams().getParam("map"))
                .containsExactlyInAnyOrder(names(MapKind.values()));
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void everyLookupRunsAtEveryMissRateInEveryKindOfJvm() throws RunnerException {
        Collection<RunResult> results = run(quick(CountingCostBenchmark.class));

        assertThat(results)
                .hasSize(Lookup.values().length * 3 * CountingCostBenchmark.Jvm.values().length);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    private static ChainedOptionsBuilder quick(Class<?> benchmark) {
        return new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
