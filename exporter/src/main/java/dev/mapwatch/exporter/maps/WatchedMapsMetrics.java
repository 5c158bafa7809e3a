package dev.mapwatch.exporter.maps;

import dev.mapwatch.exporter.log.MapwatchLog;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.WatchedMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * In-process meters for every live watched map ({@link MapWatch#liveMaps()}), tagged {@code map}
 * and {@code strategy}, and each map's {@link WatchedMap#counting() counting} mode; the names are
 * those of {@link MapMeters}, the same as the agent exports from JFR.
 *
 * <pre>{@code
 * WatchedMapsMetrics maps = WatchedMapsMetrics.create();
 * maps.bindTo(registry);   // meters for the maps alive now, and for later ones within a rescan
 * }</pre>
 *
 * <p>The live maps are rescanned on a daemon thread ({@code mapwatch-maps-scan}, every {@link
 * #DEFAULT_RESCAN_INTERVAL} unless told otherwise; {@link #rescan()} does it now): a new map gets
 * its meters, a map that was garbage collected loses them. Maps are held weakly, so watching one
 * never keeps it alive. Several maps with the same name and strategy are reported together (their
 * statistics {@linkplain MapMeters#combine added up}).
 */
public final class WatchedMapsMetrics implements MeterBinder, AutoCloseable {

    /** How often the live maps are rescanned unless told otherwise. */
    public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofSeconds(5);

    private static final MapwatchLog LOG = MapwatchLog.systemLogger();

    private final Supplier<? extends Collection<? extends WatchedMap<?, ?>>> liveMaps;
    private final Duration rescanInterval;
    private final Map<Key, Group> groups = new HashMap<>();
    private @Nullable MeterRegistry registry;
    private @Nullable ScheduledExecutorService scanner;

    private record Key(String map, String strategy) {}

    /** The maps of one key, weakly, and their meters. */
    private static final class Group {
        volatile List<WeakReference<WatchedMap<?, ?>>> maps = List.of();
        volatile MapStats last = MapStats.empty();
        final MapMeters meters;

        /** The group of {@code maps}, its meters registered now. */
        Group(MeterRegistry registry, Key key, List<WeakReference<WatchedMap<?, ?>>> maps) {
            this.maps = List.copyOf(maps);
            this.meters =
                    MapMeters.register(
                            registry, key.map(), key.strategy(), countingLabel(maps), this::stats);
        }

        /** The summed statistics of the maps still alive; the last known ones if none is. */
        MapStats stats() {
            MapStats sum = null;
            for (WeakReference<WatchedMap<?, ?>> ref : maps) {
                WatchedMap<?, ?> map = ref.get();
                if (map != null) {
                    sum = sum == null ? map.stats() : MapMeters.combine(sum, map.stats());
                }
            }
            if (sum != null) {
                last = sum;
            }
            return last;
        }

        boolean anyAlive() {
            return maps.stream().anyMatch(ref -> ref.get() != null);
        }
    }

    private WatchedMapsMetrics(
            Supplier<? extends Collection<? extends WatchedMap<?, ?>>> liveMaps,
            Duration rescanInterval) {
        this.liveMaps = Objects.requireNonNull(liveMaps, "liveMaps");
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new IllegalArgumentException(
                    "rescan interval must be positive, got " + rescanInterval);
        }
        this.rescanInterval = rescanInterval;
    }

    /** Meters for {@link MapWatch#liveMaps()}, rescanned every {@link #DEFAULT_RESCAN_INTERVAL}. */
    public static WatchedMapsMetrics create() {
        return create(DEFAULT_RESCAN_INTERVAL);
    }

    /** Meters for {@link MapWatch#liveMaps()}, rescanned every {@code rescanInterval}. */
    public static WatchedMapsMetrics create(Duration rescanInterval) {
        return new WatchedMapsMetrics(MapWatch::liveMaps, rescanInterval);
    }

    /** Meters for the maps {@code liveMaps} returns, for maps kept in a registry of your own. */
    public static WatchedMapsMetrics of(
            Supplier<? extends Collection<? extends WatchedMap<?, ?>>> liveMaps,
            Duration rescanInterval) {
        return new WatchedMapsMetrics(liveMaps, rescanInterval);
    }

    /**
     * Registers the meters of the maps alive now and starts rescanning.
     *
     * @throws IllegalStateException if already bound
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null) {
            throw new IllegalStateException(
                    "WatchedMapsMetrics is already bound: create one instance per registry");
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        rescan();
        ScheduledExecutorService started =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "mapwatch-maps-scan");
                            thread.setDaemon(true);
                            return thread;
                        });
        long nanos = rescanInterval.toNanos();
        scanner = started;
        started.scheduleWithFixedDelay(this::rescanSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Gives new maps their meters and removes the meters of maps that are gone, now. */
    public synchronized void rescan() {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException("bind WatchedMapsMetrics to a registry first");
        }
        Map<Key, List<WeakReference<WatchedMap<?, ?>>>> live = new LinkedHashMap<>();
        for (WatchedMap<?, ?> map : liveMaps.get()) {
            live.computeIfAbsent(new Key(map.name(), map.strategy().name()), k -> new ArrayList<>())
                    .add(new WeakReference<>(map));
        }
        for (Iterator<Map.Entry<Key, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Group> entry = it.next();
            if (!live.containsKey(entry.getKey()) && !entry.getValue().anyAlive()) {
                entry.getValue().meters.remove();
                it.remove();
            }
        }
        live.forEach(
                (key, maps) -> {
                    Group group = groups.get(key);
                    if (group == null) {
                        groups.put(key, new Group(bound, key, maps));
                    } else {
                        group.maps = List.copyOf(maps);
                        group.meters.counting(countingLabel(maps));
                    }
                });
    }

    private static String countingLabel(List<WeakReference<WatchedMap<?, ?>>> maps) {
        List<Counting> modes = new ArrayList<>();
        for (WeakReference<WatchedMap<?, ?>> ref : maps) {
            WatchedMap<?, ?> map = ref.get();
            if (map != null) {
                modes.add(map.counting());
            }
        }
        return MapMeters.countingLabel(modes);
    }

    /** Stops rescanning and removes the meters. */
    @Override
    public synchronized void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
        groups.values().forEach(group -> group.meters.remove());
        groups.clear();
    }

    private void rescanSafely() {
        try {
            rescan();
        } catch (RuntimeException failure) { // never let the scan thread die silently
            LOG.warning(
                    "rescanning the watched maps failed ("
                            + MapwatchLog.describe(failure)
                            + "); will retry",
                    failure);
        }
    }
}
