package dev.mapwatch.exporter.maps;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one watched map, read from a source of {@link MapStats}: the one mechanism behind
 * both the in-process {@link WatchedMapsMetrics} (source: the map itself) and the JFR handler of
 * {@code mapwatch.MapStatistics} (source: the latest event), so both export the same names.
 *
 * <p>Meters, tagged {@code map} and {@code strategy}: {@code mapwatch.map.lookups{result=hit|miss}},
 * {@code mapwatch.map.puts}, {@code mapwatch.map.removals} as function counters and {@code
 * mapwatch.map.size} as a gauge, for every map; only where the map's kind has them ({@link
 * MapFamilies}): {@code mapwatch.map.promotions}, {@code mapwatch.map.tombstones.purged}, {@code
 * mapwatch.map.lock.waits}, {@code mapwatch.map.lock.wait} (seconds) as function counters, {@code
 * mapwatch.map.tombstones} and {@code mapwatch.map.tombstone.oldest.age} (seconds) as gauges; and the
 * info gauge {@code mapwatch.map.counting{counting=exact|sampled|off|mixed}} (value 1), which says
 * whether the lookups, puts and removals are exact counts or estimates ({@link Counting#SAMPLED}).
 * A label rather than on the figures themselves so that switching a map to sampling keeps its
 * series, and with it every rate, recording rule, dashboard and alert over them.
 *
 * <p>Micrometer holds the state of function meters weakly: keep this object reachable for as long
 * as the meters should report, and {@link #remove()} them when the map goes away.
 */
public final class MapMeters {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final String MIXED = "mixed";
    private static final String ESTIMATED =
            " (estimated where mapwatch_map_counting has counting=\"sampled\")";

    private final MeterRegistry registry;
    private final Supplier<MapStats> stats;
    private final List<Meter> meters = new ArrayList<>();
    private final Tags tags;
    private MapFamilies families = MapFamilies.COUNTS_AND_SIZE;
    private @Nullable String counting;
    private @Nullable Meter countingGauge;

    private MapMeters(MeterRegistry registry, Supplier<MapStats> stats, Tags tags) {
        this.registry = registry;
        this.stats = stats;
        this.tags = tags;
    }

    /** {@link #register(MeterRegistry, String, String, String, Supplier)} of a map counted exactly. */
    public static MapMeters register(
            MeterRegistry registry, String map, String strategy, Supplier<MapStats> stats) {
        return register(registry, map, strategy, countingLabel(List.of(Counting.EXACT)), stats);
    }

    /**
     * Registers the meters of the map {@code map} of strategy {@code strategy} (the enum name), read
     * from {@code stats} whenever the registry is scraped, counted as {@code counting} says (a
     * {@link #countingLabel} value), with the families its kind has ({@link MapFamilies#of}).
     */
    public static MapMeters register(
            MeterRegistry registry,
            String map,
            String strategy,
            String counting,
            Supplier<MapStats> stats) {
        return register(registry, map, strategy, counting, MapFamilies.of(strategy), stats);
    }

    /** As {@link #register(MeterRegistry, String, String, String, Supplier)}, exporting {@code families}. */
    public static MapMeters register(
            MeterRegistry registry,
            String map,
            String strategy,
            String counting,
            MapFamilies families,
            Supplier<MapStats> stats) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(strategy, "strategy");
        Tags tags = Tags.of("map", map, "strategy", strategy);
        MapMeters mapMeters = new MapMeters(registry, Objects.requireNonNull(stats, "stats"), tags);
        mapMeters.counting(counting);
        mapMeters.counter(
                "mapwatch.map.lookups",
                tags.and("result", "hit"),
                null,
                "Lookups that found a value" + ESTIMATED,
                MapStats::hits);
        mapMeters.counter(
                "mapwatch.map.lookups",
                tags.and("result", "miss"),
                null,
                "Lookups that found nothing" + ESTIMATED,
                MapStats::misses);
        mapMeters.counter(
                "mapwatch.map.puts",
                tags,
                null,
                "Entries written (inserted or replaced)" + ESTIMATED,
                MapStats::puts);
        mapMeters.counter(
                "mapwatch.map.removals",
                tags,
                null,
                "Entries removed" + ESTIMATED,
                MapStats::removals);
        mapMeters.gauge("mapwatch.map.size", tags, null, "Entries in the map now", MapStats::size);
        mapMeters.widen(families);
        return mapMeters;
    }

    /**
     * Adds the meters of the families in {@code families} that this map does not export yet (a
     * series that now also adds up a map of another kind); never removes one.
     */
    public void widen(MapFamilies families) {
        Objects.requireNonNull(families, "families");
        if (families.promotions() && !this.families.promotions()) {
            counter(
                    "mapwatch.map.promotions",
                    tags,
                    null,
                    "Promotions of the dirty map to the read map (SYNC_MAP)",
                    MapStats::promotions);
        }
        if (families.tombstones() && !this.families.tombstones()) {
            counter(
                    "mapwatch.map.tombstones.purged",
                    tags,
                    null,
                    "Tombstones (deleted entries) purged",
                    MapStats::tombstonesPurged);
            gauge(
                    "mapwatch.map.tombstones",
                    tags,
                    null,
                    "Deleted entries not yet purged, now",
                    MapStats::tombstones);
            gauge(
                    "mapwatch.map.tombstone.oldest.age",
                    tags,
                    "seconds",
                    "Age of the oldest tombstone now",
                    s -> s.oldestTombstoneAgeNanos() / NANOS_PER_SECOND);
        }
        if (families.lockWaits() && !this.families.lockWaits()) {
            counter(
                    "mapwatch.map.lock.waits",
                    tags,
                    null,
                    "Lock acquisitions that had to wait",
                    MapStats::lockWaits);
            counter(
                    "mapwatch.map.lock.wait",
                    tags,
                    "seconds",
                    "Time spent waiting for the map's locks",
                    s -> s.lockWaitNanos() / NANOS_PER_SECOND);
        }
        this.families = this.families.union(families);
    }

    /** The families this map exports now. */
    public MapFamilies families() {
        return families;
    }

    /**
     * The statistics of two maps reported under one name and strategy: counters and the gauges
     * {@code tombstones} and {@code size} add up, the oldest tombstone age is the older of the two.
     */
    public static MapStats combine(MapStats a, MapStats b) {
        return new MapStats(
                a.hits() + b.hits(),
                a.misses() + b.misses(),
                a.puts() + b.puts(),
                a.removals() + b.removals(),
                a.promotions() + b.promotions(),
                a.tombstones() + b.tombstones(),
                Math.max(a.oldestTombstoneAgeNanos(), b.oldestTombstoneAgeNanos()),
                a.tombstonesPurged() + b.tombstonesPurged(),
                a.tombstonePurgeAgeNanos() + b.tombstonePurgeAgeNanos(),
                a.lockWaits() + b.lockWaits(),
                a.lockWaitNanos() + b.lockWaitNanos(),
                a.size() + b.size());
    }

    /**
     * The {@code counting} label of maps reported together: {@code exact}, {@code sampled} (the
     * operation figures are estimates), {@code off}, or {@code mixed} when the maps differ (some
     * figures are then estimates).
     */
    public static String countingLabel(Collection<Counting> modes) {
        EnumSet<Counting> distinct =
                modes.isEmpty() ? EnumSet.of(Counting.EXACT) : EnumSet.copyOf(modes);
        return distinct.size() == 1
                ? distinct.iterator().next().name().toLowerCase(Locale.ROOT)
                : MIXED;
    }

    /**
     * Sets the {@code counting} label of the info gauge {@code mapwatch.map.counting} (value 1),
     * which says how the operation figures of this map are counted: a change replaces the series.
     */
    public void counting(String counting) {
        Objects.requireNonNull(counting, "counting");
        if (counting.equals(this.counting)) {
            return;
        }
        if (countingGauge != null) {
            registry.remove(countingGauge);
        }
        this.counting = counting;
        countingGauge =
                Gauge.builder("mapwatch.map.counting", () -> 1)
                        .tags(tags.and("counting", counting))
                        .description(
                                "1 per exported map; counting says how its lookups, puts and removals are counted: "
                                        + "exact, sampled (the figures are estimates), off, or mixed")
                        .register(registry);
    }

    /** Removes this map's meters from the registry. */
    public void remove() {
        meters.forEach(registry::remove);
        meters.clear();
        if (countingGauge != null) {
            registry.remove(countingGauge);
            countingGauge = null;
            counting = null;
        }
    }

    private void counter(
            String name,
            Tags tags,
            @Nullable String baseUnit,
            String description,
            ToDoubleFunction<MapStats> value) {
        meters.add(
                FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.stats.get()))
                        .tags(tags)
                        .baseUnit(baseUnit)
                        .description(description)
                        .register(registry));
    }

    private void gauge(
            String name,
            Tags tags,
            @Nullable String baseUnit,
            String description,
            ToDoubleFunction<MapStats> value) {
        meters.add(
                Gauge.builder(name, this, m -> value.applyAsDouble(m.stats.get()))
                        .tags(tags)
                        .baseUnit(baseUnit)
                        .description(description)
                        .strongReference(false)
                        .register(registry));
    }
}
