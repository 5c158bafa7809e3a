package dev.mapwatch.exporter.maps;

import dev.mapwatch.exporter.labels.TopNLabels;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The mechanism behind the map families that sources report as cumulative figures per map name
 * and class ({@link MapComputeMeters}, {@link MapCacheMeters}): each exported series adds up the
 * increments of the maps it owned, so it only grows, bounded to the maps that weigh most ({@link
 * TopNLabels}, the rest in {@code map="other"}). A map with only zeros so far has no series.
 *
 * <p>Thread-safe: sources and scrapes take one short lock, this object's.
 */
final class CumulativeMapSeries {

    /** Registers the meters of one series, reading its {@link Series#total} and {@link Series#recentMax}. */
    interface MeterFactory {
        List<Meter> register(MeterRegistry registry, Series series, String map, String strategy);
    }

    private final MeterRegistry registry;
    private final TopNLabels labels;
    private final int figures;
    private final ToLongFunction<long[]> weight;
    private final MeterFactory meters;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    /** One map name and class: its last cumulative figures and the series it adds to. */
    private static final class Source {
        final long[] last;
        long recentMax;
        @Nullable Series series;

        Source(int figures) {
            last = new long[figures];
        }
    }

    /** One exported series: the increments of the maps it owned, and the maps it owns now. */
    final class Series {
        private final Set<Source> owned = new HashSet<>();
        private final long[] totals = new long[figures];
        private List<Meter> registered = List.of();

        /** Figure {@code i} added up over the maps this series owned. */
        long total(int i) {
            synchronized (CumulativeMapSeries.this) {
                return totals[i];
            }
        }

        /** The largest recent maximum of the maps this series owns now. */
        long recentMax() {
            synchronized (CumulativeMapSeries.this) {
                long max = 0;
                for (Source source : owned) {
                    max = Math.max(max, source.recentMax);
                }
                return max;
            }
        }
    }

    /**
     * @param figures how many cumulative figures each source reports
     * @param weight  how much an increment weighs for the budget
     */
    CumulativeMapSeries(
            MeterRegistry registry,
            int maxMaps,
            int figures,
            ToLongFunction<long[]> weight,
            MeterFactory meters) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.labels = TopNLabels.of(maxMaps, this::evict);
        this.figures = figures;
        this.weight = weight;
        this.meters = meters;
    }

    /**
     * Records the cumulative figures of the map(s) named {@code map} of class {@code strategy}, and
     * their recent maximum (a gauge's, not added up). A figure lower than the last one means a new
     * map under an old name: it counts from zero again.
     */
    synchronized void record(String map, String strategy, long[] cumulative, long recentMax) {
        if (cumulative.length != figures) {
            throw new IllegalArgumentException(
                    "expected " + figures + " figures, got " + cumulative.length);
        }
        String key =
                Objects.requireNonNull(map, "map")
                        + '\u0000'
                        + Objects.requireNonNull(strategy, "strategy");
        Source source = sources.get(key);
        if (source == null) {
            if (allZero(cumulative)) {
                return; // nothing happened yet: no series
            }
            source = new Source(figures);
            sources.put(key, source);
        }
        boolean restarted = false;
        for (int i = 0; i < figures; i++) {
            restarted |= cumulative[i] < source.last[i];
        }
        long[] increments = new long[figures];
        for (int i = 0; i < figures; i++) {
            increments[i] = restarted ? cumulative[i] : cumulative[i] - source.last[i];
            source.last[i] = cumulative[i];
        }
        source.recentMax = recentMax;
        String label = labels.label(key, weight.applyAsLong(increments));
        Series target = series.computeIfAbsent(label, l -> newSeries(l, map, strategy));
        if (source.series != target) {
            if (source.series != null) {
                source.series.owned.remove(source);
            }
            target.owned.add(source);
            source.series = target;
        }
        for (int i = 0; i < figures; i++) {
            target.totals[i] += increments[i];
        }
    }

    /**
     * The map(s) of this name and class are gone, or now counted under another name: their own
     * series ends (what it counted leaves with it, as a restarted target would see); in {@code
     * other}, their increments stay.
     */
    synchronized void forget(String map, String strategy) {
        String key = map + '\u0000' + strategy;
        Source source = sources.remove(key);
        if (source == null || source.series == null) {
            return;
        }
        Series owner = source.series;
        owner.owned.remove(source);
        if (owner.owned.isEmpty() && series.get(key) == owner) {
            labels.forget(key);
            evict(key);
        }
    }

    private static boolean allZero(long[] figures) {
        for (long figure : figures) {
            if (figure != 0) {
                return false;
            }
        }
        return true;
    }

    private Series newSeries(String label, String map, String strategy) {
        boolean other = TopNLabels.OTHER.equals(label);
        Series s = new Series();
        s.registered =
                meters.register(
                        registry,
                        s,
                        other ? TopNLabels.OTHER : map,
                        other ? TopNLabels.OTHER : strategy);
        return s;
    }

    private void evict(String label) {
        Series gone = series.remove(label);
        if (gone != null) {
            for (Source source : gone.owned) {
                source.series = null;
            }
            for (Meter meter : gone.registered) {
                registry.remove(meter);
            }
        }
    }
}
