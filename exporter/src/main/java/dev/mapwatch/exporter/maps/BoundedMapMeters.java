package dev.mapwatch.exporter.maps;

import dev.mapwatch.exporter.labels.TopNLabels;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mapwatch_map_*} series of any number of maps within a fixed budget: the busiest
 * {@code maxMaps} maps by recent operations (lookups, puts, removals; ranked by {@link TopNLabels}:
 * a map that becomes one of the busiest is named within two rebalance intervals, 10 s by default,
 * with hysteresis) keep their own series, tagged with their {@code map} and {@code strategy};
 * every other map adds up in the series tagged {@code map="other", strategy="other"}. A map
 * exports only the families its kind can move ({@link MapFamilies}); {@code other} exports those
 * of every kind it has added up. So however many maps an application has, a JVM exports at most
 * {@code (maxMaps + 1)} times the families of {@link MapMeters} (6 series for a map with counts
 * and size only, 12 for a {@code SYNC_MAP}). A map may carry a priority ({@link #record(String,
 * String, Set, int, MapStats)}): when the budget is tight, a map of an earlier priority wins against
 * an equally busy map of a later one.
 *
 * <p>Sources report each map's <em>cumulative</em> statistics ({@link #record}), whenever they
 * have them (JFR's periodic event, a poll of the agent's call-site counters). Counters are
 * exported as the sum of the increments seen while a series owned the map, so each series only
 * grows: a map that loses its place keeps its past in its ended series and adds its increments to
 * {@code other} from then on; a map admitted later starts a series from zero. The gauges ({@code
 * size}, {@code tombstones}) are the sums of the latest values of the maps a series owns now; the
 * oldest tombstone age is their maximum.
 *
 * <p>Thread-safe; sources and scrapes take one short lock.
 */
public final class BoundedMapMeters implements AutoCloseable {

    /** Maps with their own series unless told otherwise (6 to 12 series each: at most 780 series with {@code other}). */
    public static final int DEFAULT_MAX_MAPS = 64;

    private final MeterRegistry registry;
    private final TopNLabels labels;
    private final Map<Key, Source> sources = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    private record Key(String map, String strategy) {
        String label() {
            return map + '\u0000' + strategy;
        }
    }

    /** One map (or several reported together under one name): its last cumulative figures. */
    private static final class Source {
        MapStats last = MapStats.empty();
        Set<Counting> counting = Set.of(Counting.EXACT);
        @Nullable Series series;
    }

    /** One exported series and the maps it owns now. */
    private final class Series {
        final Set<Source> owned = new LinkedHashSet<>();
        MapStats counted = MapStats.empty();
        final MapMeters meters;

        /** The series of {@code label}: its meters, registered now, read what it counted. */
        Series(String label, Key key) {
            boolean other = label.equals(TopNLabels.OTHER);
            meters =
                    MapMeters.register(
                            registry,
                            other ? TopNLabels.OTHER : key.map(),
                            other ? TopNLabels.OTHER : key.strategy(),
                            this::stats);
        }

        /** Says on the counting gauge how the maps it owns now are counted. */
        void relabel() {
            List<Counting> modes = new ArrayList<>();
            for (Source source : owned) {
                modes.addAll(source.counting);
            }
            if (!modes.isEmpty()) {
                meters.counting(MapMeters.countingLabel(modes));
            }
        }

        MapStats stats() {
            synchronized (BoundedMapMeters.this) {
                long tombstones = 0;
                long oldest = 0;
                long size = 0;
                for (Source source : owned) {
                    tombstones += source.last.tombstones();
                    oldest = Math.max(oldest, source.last.oldestTombstoneAgeNanos());
                    size += source.last.size();
                }
                MapStats c = counted;
                return new MapStats(
                        c.hits(),
                        c.misses(),
                        c.puts(),
                        c.removals(),
                        c.promotions(),
                        tombstones,
                        oldest,
                        c.tombstonesPurged(),
                        c.tombstonePurgeAgeNanos(),
                        c.lockWaits(),
                        c.lockWaitNanos(),
                        size);
            }
        }
    }

    private BoundedMapMeters(
            MeterRegistry registry,
            int maxMaps,
            Duration rebalanceInterval,
            LongSupplier nanoClock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxMaps < 1) {
            throw new IllegalArgumentException("max maps must be >= 1, got " + maxMaps);
        }
        this.labels = TopNLabels.of(maxMaps, rebalanceInterval, nanoClock, this::evict);
    }

    /** A budget of {@code maxMaps} own series, rebalanced every {@link TopNLabels#DEFAULT_REBALANCE_INTERVAL}. */
    public static BoundedMapMeters create(MeterRegistry registry, int maxMaps) {
        return new BoundedMapMeters(
                registry, maxMaps, TopNLabels.DEFAULT_REBALANCE_INTERVAL, System::nanoTime);
    }

    /** As {@link #create(MeterRegistry, int)} with an explicit interval and clock (tests, tuning). */
    public static BoundedMapMeters create(
            MeterRegistry registry,
            int maxMaps,
            Duration rebalanceInterval,
            LongSupplier nanoClock) {
        return new BoundedMapMeters(registry, maxMaps, rebalanceInterval, nanoClock);
    }

    /**
     * Records what the map(s) named {@code map} of strategy {@code strategy} have counted since they
     * were first counted ({@code cumulative}, never less than an earlier call said, unless the map
     * was replaced by a new one of the same name: then it counts from zero again).
     */
    public synchronized void record(String map, String strategy, MapStats cumulative) {
        record(map, strategy, Set.of(Counting.EXACT), cumulative);
    }

    /**
     * As {@link #record(String, String, MapStats)}, for figures counted as {@code counting} says
     * (several modes: maps of one name counted differently). The series' {@code
     * mapwatch_map_counting} gauge says how the maps it adds up are counted ({@link
     * MapMeters#countingLabel}), so estimates are marked as such.
     */
    public synchronized void record(
            String map, String strategy, Set<Counting> counting, MapStats cumulative) {
        record(map, strategy, counting, 0, cumulative);
    }

    /**
     * As {@link #record(String, String, Set, MapStats)}, ranked at {@code priority} (0 first): when
     * the budget is tight, a map of an earlier priority keeps or takes a place against an equally
     * busy map of a later one ({@link TopNLabels#label(String, long, int)}).
     */
    public synchronized void record(
            String map,
            String strategy,
            Set<Counting> counting,
            int priority,
            MapStats cumulative) {
        Key key =
                new Key(
                        Objects.requireNonNull(map, "map"),
                        Objects.requireNonNull(strategy, "strategy"));
        Source source = sources.computeIfAbsent(key, k -> new Source());
        MapStats delta = minus(cumulative, source.last);
        if (delta == null) {
            delta = cumulative; // a new map under an old name: its counters started again
        }
        long operations = delta.hits() + delta.misses() + delta.puts() + delta.removals();
        String label = labels.label(key.label(), operations, priority);
        Series target = series.computeIfAbsent(label, l -> new Series(l, key));
        boolean relabel = !source.counting.equals(counting);
        source.counting = Set.copyOf(counting);
        if (source.series != target) {
            if (source.series != null) {
                source.series.owned.remove(source);
                source.series.relabel();
            }
            target.owned.add(source);
            target.meters.widen(MapFamilies.of(key.strategy()));
            source.series = target;
            relabel = true;
        }
        if (relabel) {
            target.relabel();
        }
        target.counted = plus(target.counted, delta);
        source.last = cumulative;
    }

    /** The map(s) of this name and strategy are gone: their gauges leave, their series may end. */
    public synchronized void forget(String map, String strategy) {
        Key key = new Key(map, strategy);
        Source source = sources.remove(key);
        if (source == null || source.series == null) {
            return;
        }
        Series owner = source.series;
        owner.owned.remove(source);
        if (owner.owned.isEmpty() && series.get(key.label()) == owner) {
            labels.forget(key.label());
            series.remove(key.label());
            owner.meters.remove();
        } else {
            owner.relabel();
        }
    }

    /** The map names with their own series now (not {@code other}). */
    public synchronized Set<String> maps() {
        Set<String> maps = new LinkedHashSet<>();
        for (String label : series.keySet()) {
            if (!label.equals(TopNLabels.OTHER)) {
                maps.add(label.substring(0, label.indexOf('\u0000')));
            }
        }
        return maps;
    }

    /** A label lost its place: its series ends; its maps move to {@code other} at their next record. */
    private void evict(String label) {
        Series evicted = series.remove(label);
        if (evicted == null) {
            return;
        }
        evicted.meters.remove();
        for (Source source : evicted.owned) {
            source.series = null;
        }
    }

    /** Removes every series. */
    @Override
    public synchronized void close() {
        series.values().forEach(s -> s.meters.remove());
        series.clear();
        sources.clear();
    }

    /** The counters' increase from {@code before} to {@code now}; null if any went down. */
    private static @Nullable MapStats minus(MapStats now, MapStats before) {
        MapStats d =
                new MapStats(
                        now.hits() - before.hits(),
                        now.misses() - before.misses(),
                        now.puts() - before.puts(),
                        now.removals() - before.removals(),
                        now.promotions() - before.promotions(),
                        0,
                        0,
                        now.tombstonesPurged() - before.tombstonesPurged(),
                        now.tombstonePurgeAgeNanos() - before.tombstonePurgeAgeNanos(),
                        now.lockWaits() - before.lockWaits(),
                        now.lockWaitNanos() - before.lockWaitNanos(),
                        0);
        boolean wentDown =
                d.hits() < 0
                        || d.misses() < 0
                        || d.puts() < 0
                        || d.removals() < 0
                        || d.promotions() < 0
                        || d.tombstonesPurged() < 0
                        || d.tombstonePurgeAgeNanos() < 0
                        || d.lockWaits() < 0
                        || d.lockWaitNanos() < 0;
        return wentDown ? null : d;
    }

    private static MapStats plus(MapStats a, MapStats b) {
        return new MapStats(
                a.hits() + b.hits(),
                a.misses() + b.misses(),
                a.puts() + b.puts(),
                a.removals() + b.removals(),
                a.promotions() + b.promotions(),
                0,
                0,
                a.tombstonesPurged() + b.tombstonesPurged(),
                a.tombstonePurgeAgeNanos() + b.tombstonePurgeAgeNanos(),
                a.lockWaits() + b.lockWaits(),
                a.lockWaitNanos() + b.lockWaitNanos(),
                0);
    }
}
