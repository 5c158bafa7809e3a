package dev.mapwatch.exporter.maps;

import dev.mapwatch.exporter.labels.TopNLabels;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code mapwatch_map_compute_seconds{map,strategy}}: how often and how long the mapping functions
 * of {@code computeIfAbsent}, {@code compute}, {@code computeIfPresent} and {@code merge} ran, i.e.
 * held the map's bin lock, for the maps {@code maps=} counts. A summary ({@code _count}, {@code
 * _sum}) and its {@code _max} gauge, like the other {@code _seconds} families, bounded to the maps
 * with the most function time ({@link TopNLabels}, the rest in {@code map="other"}). A map whose
 * functions never ran has no series.
 *
 * <p>Sources report cumulative figures ({@link #record}); each series exports the sum of the
 * increments seen while it owned the map, so it only grows, as {@link BoundedMapMeters} does.
 * Thread-safe; sources and scrapes take one short lock.
 */
public final class MapComputeMeters {

    /** The family's name in Micrometer's form. */
    public static final String NAME = "mapwatch.map.compute";

    private final MeterRegistry registry;
    private final TopNLabels labels;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    /** One map name and class: its last cumulative figures and the series it adds to. */
    private static final class Source {
        long runs;
        long nanos;
        long maxNanos;
        @Nullable Series series;
    }

    /** One exported series: the increments of the maps it owned, and the maps it owns now. */
    private final class Series {
        final Set<Source> owned = new HashSet<>();
        long runs;
        double nanos;
        List<Meter> meters = List.of();

        long count() {
            synchronized (MapComputeMeters.this) {
                return runs;
            }
        }

        double totalNanos() {
            synchronized (MapComputeMeters.this) {
                return nanos;
            }
        }

        double maxSeconds() {
            synchronized (MapComputeMeters.this) {
                long max = 0;
                for (Source source : owned) {
                    max = Math.max(max, source.maxNanos);
                }
                return max / 1e9;
            }
        }
    }

    private MapComputeMeters(MeterRegistry registry, int maxMaps) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.labels = TopNLabels.of(maxMaps, this::evict);
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
    public synchronized void record(
            String map, String strategy, long runs, long nanos, long recentMaxNanos) {
        String key =
                Objects.requireNonNull(map, "map")
                        + '\u0000'
                        + Objects.requireNonNull(strategy, "strategy");
        Source source = sources.get(key);
        if (source == null) {
            if (runs == 0) {
                return; // no function ran: no series
            }
            source = new Source();
            sources.put(key, source);
        }
        boolean restarted = runs < source.runs || nanos < source.nanos;
        long newRuns = restarted ? runs : runs - source.runs;
        long newNanos = restarted ? nanos : nanos - source.nanos;
        source.runs = runs;
        source.nanos = nanos;
        source.maxNanos = recentMaxNanos;
        String label = labels.label(key, newNanos);
        Series target = series.computeIfAbsent(label, l -> newSeries(l, map, strategy));
        if (source.series != target) {
            if (source.series != null) {
                source.series.owned.remove(source);
            }
            target.owned.add(source);
            source.series = target;
        }
        target.runs += newRuns;
        target.nanos += newNanos;
    }

    private Series newSeries(String label, String map, String strategy) {
        boolean other = TopNLabels.OTHER.equals(label);
        String mapTag = other ? TopNLabels.OTHER : map;
        String strategyTag = other ? TopNLabels.OTHER : strategy;
        Series s = new Series();
        s.meters =
                List.of(
                        FunctionTimer.builder(
                                        NAME,
                                        s,
                                        Series::count,
                                        Series::totalNanos,
                                        TimeUnit.NANOSECONDS)
                                .tags("map", mapTag, "strategy", strategyTag)
                                .description(
                                        "Runs of the map's mapping functions (computeIfAbsent, compute, computeIfPresent, "
                                                + "merge) and the time they held its bin lock")
                                .register(registry),
                        Gauge.builder(NAME + ".seconds.max", s, Series::maxSeconds)
                                .tags("map", mapTag, "strategy", strategyTag)
                                .description(
                                        "Longest recent run of the map's mapping functions (the last 30 to 60 s)")
                                .register(registry));
        return s;
    }

    private void evict(String label) {
        Series gone = series.remove(label);
        if (gone != null) {
            for (Source source : gone.owned) {
                source.series = null;
            }
            for (Meter meter : gone.meters) {
                registry.remove(meter);
            }
        }
    }
}
