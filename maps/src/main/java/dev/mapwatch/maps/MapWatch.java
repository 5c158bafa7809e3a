package dev.mapwatch.maps;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * Entry point: concurrent maps that count what happens to them.
 *
 * <pre>{@code
 * WatchedMap<String, User> users = MapWatch.newMap("users", Strategy.CONCURRENT);
 * ConcurrentMap<Long, Order> orders = MapWatch.instrument("orders", existingConcurrentHashMap);
 * MapStats stats = users.stats();
 * }</pre>
 *
 * <p>Every map created here is registered, weakly, in a JVM-wide registry: {@link #liveMaps()}
 * lists the maps still referenced by the application, and the JFR event {@code
 * mapwatch.MapStatistics} reports each of them periodically (every second by default) while a
 * recording enables it. A map nobody references is garbage collected and leaves the registry.
 *
 * <p>The number of distinct map names in the registry is bounded by the system property {@value
 * MapRegistry#MAX_NAMES_PROPERTY} (default {@value MapRegistry#DEFAULT_MAX_NAMES}) so that the
 * metric series derived from the names stay bounded. Past the bound a map with a new name still
 * works and counts ({@link WatchedMap#stats()}), but is not registered: it is neither listed nor
 * reported through JFR, {@link #unregisteredMaps()} counts it, and one warning is logged through
 * {@link System.Logger} (logger {@code dev.mapwatch.maps.MapRegistry}). Maps sharing a name use
 * one slot.
 */
public final class MapWatch {

    private static final MapRegistry REGISTRY = MapRegistry.fromSystemProperty();

    static {
        MapEvents.registerStatistics(REGISTRY::liveMaps);
    }

    private MapWatch() {}

    /** A new map named {@code name} storing its entries as {@code strategy} says. */
    public static <K, V> WatchedMap<K, V> newMap(String name, Strategy strategy) {
        return builder(name).strategy(strategy).build();
    }

    /**
     * A map named {@code name} that counts around {@code delegate}, for example a {@link
     * java.util.concurrent.ConcurrentHashMap} the application already has. Use the returned map
     * instead of the delegate from now on.
     */
    public static <K, V> WatchedMap<K, V> instrument(String name, ConcurrentMap<K, V> delegate) {
        return builder(name).instrument(delegate);
    }

    /** A builder for a map named {@code name}: strategy, shards, lifespans, counting, threshold. */
    public static MapWatchBuilder builder(String name) {
        return new MapWatchBuilder(name);
    }

    /**
     * An unmodifiable snapshot of the registered maps still alive, in the order they were created.
     * The list holds the maps strongly: drop it when done so that unused maps can be collected.
     */
    public static List<WatchedMap<?, ?>> liveMaps() {
        return REGISTRY.liveMaps();
    }

    /** Maps created but not registered because the bound on distinct names was reached. */
    public static long unregisteredMaps() {
        return REGISTRY.unregisteredMaps();
    }

    /** The bound on distinct map names ({@value MapRegistry#MAX_NAMES_PROPERTY}). */
    public static int maxNames() {
        return REGISTRY.maxNames();
    }

    static <K, V> WatchedMap<K, V> register(AbstractWatchedMap<K, V> map) {
        REGISTRY.register(requireNonNull(map));
        return map;
    }
}
