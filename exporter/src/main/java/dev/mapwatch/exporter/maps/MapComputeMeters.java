package dev.mapwatch.exporter.maps;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mapwatch_map_compute_seconds{map,strategy}}: how often and how long the mapping functions
 * of {@code computeIfAbsent}, {@code compute}, {@code computeIfPresent} and {@code merge} ran, i.e.
 * held the map's bin lock, for the maps {@code maps=} counts. A summary ({@code _count}, {@code
 * _sum}) and its {@code _max} gauge, like the other {@code _seconds} families, bounded to the maps
 * with the most function time ({@link TopNLabels}, the rest in {@code map="other"}). A map whose
 * functions never ran has no series.
 *
 * <p>Sources report cumulative figures ({@link #record}); each series exports the sum of the
 * increments seen while it owned the map, so it only grows ({@link CumulativeMapSeries}).
 * Thread-safe.
 */
public final class MapComputeMeters {

    /** The family's name in Micrometer's form. */
    public static final String NAME = "mapwatch.map.compute";

    private static final int RUNS = 0;
    private static final int NANOS = 1;

    private final CumulativeMapSeries series;

    private MapComputeMeters(MeterRegistry registry, int maxMaps) {
        this.series =
                new CumulativeMapSeries(
                        registry,
                        maxMaps,
                        2,
                        increments -> increments[NANOS],
                        MapComputeMeters::register);
    }

    /** At most {@code maxMaps} maps with their own series. */
    public static MapComputeMeters create(MeterRegistry registry, int maxMaps) {
        return new MapComputeMeters(registry, maxMaps);
    }

    /**
     * Records what the functions of the map(s) named {@code map} of class {@code strategy} did since
     * they were first counted: {@code runs} runs taking {@code nanos} in all, the longest of them
     * recently {@code recentMaxNanos}. Figures lower than the last ones mean a new map under an old
     * name: it counts from zero again.
     */
    public void record(String map, String strategy, long runs, long nanos, long recentMaxNanos) {
        series.record(map, strategy, new long[] {runs, nanos}, recentMaxNanos);
    }

    private static List<Meter> register(
            MeterRegistry registry, CumulativeMapSeries.Series s, String map, String strategy) {
        return List.of(
                FunctionTimer.builder(
                                NAME,
                                s,
                                x -> x.total(RUNS),
                                x -> x.total(NANOS),
                                TimeUnit.NANOSECONDS)
                        .tags("map", map, "strategy", strategy)
                        .description(
                                "Runs of the map's mapping functions (computeIfAbsent, compute, computeIfPresent, "
                                        + "merge) and the time they held its bin lock")
                        .register(registry),
                Gauge.builder(NAME + ".seconds.max", s, x -> x.recentMax() / 1e9)
                        .tags("map", map, "strategy", strategy)
                        .description(
                                "Longest recent run of the map's mapping functions (the last 30 to 60 s)")
                        .register(registry));
    }
}
