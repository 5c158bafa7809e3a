package dev.mapwatch.maps;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Configures a {@link WatchedMap}: obtain one from {@link MapWatch#builder(String)}.
 *
 * <pre>{@code
 * WatchedMap<String, Session> sessions = MapWatch.builder("sessions")
 *         .strategy(Strategy.STRIPED)
 *         .shards(64)
 *         .lockWaitThreshold(Duration.ofMillis(5))
 *         .counting(Counting.SAMPLED)
 *         .build();
 * }</pre>
 *
 * <p>Arguments are checked when given: a bad one throws {@link IllegalArgumentException} (or
 * {@link NullPointerException} for null) naming what was wrong. A builder may build several maps.
 */
public final class MapWatchBuilder {

    /** Shards of a {@link Strategy#STRIPED} map unless {@link #shards(int)} says otherwise. */
    public static final int DEFAULT_SHARDS = 16;

    /** The largest shard count accepted. */
    public static final int MAX_SHARDS = 1 << 16;

    /** Lock waits at least this long emit {@code mapwatch.MapLockWait} by default. */
    public static final Duration DEFAULT_LOCK_WAIT_THRESHOLD = Duration.ofMillis(10);

    private final String name;
    private Strategy strategy = Strategy.CONCURRENT;
    private boolean strategySet;
    private int shards = DEFAULT_SHARDS;
    private boolean shardsSet;
    private boolean trackLifespans = true;
    private Counting counting = Counting.EXACT;
    private long lockWaitThresholdNanos = DEFAULT_LOCK_WAIT_THRESHOLD.toNanos();

    MapWatchBuilder(String name) {
        requireNonNull(name, "map name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException(
                    "map name must not be blank; it becomes the 'map' label");
        }
        this.name = name;
    }

    /** How the map stores its entries; {@link Strategy#CONCURRENT} by default. */
    public MapWatchBuilder strategy(Strategy strategy) {
        this.strategy = requireNonNull(strategy, "strategy must not be null");
        this.strategySet = true;
        return this;
    }

    /**
     * The number of shards of a {@link Strategy#STRIPED} map: a power of two from 1 to {@value
     * #MAX_SHARDS}; {@value #DEFAULT_SHARDS} by default. Only valid with {@code STRIPED}.
     */
    public MapWatchBuilder shards(int shards) {
        if (shards < 1 || shards > MAX_SHARDS || Integer.bitCount(shards) != 1) {
            throw new IllegalArgumentException(
                    "shards must be a power of two between 1 and "
                            + MAX_SHARDS
                            + ", got "
                            + shards);
        }
        this.shards = shards;
        this.shardsSet = true;
        return this;
    }

    /**
     * Whether deletion times are recorded, so that a {@link Strategy#SYNC_MAP} reports how old its
     * tombstones are and how old they were when purged (on by default). Off, ages read as zero and
     * a deletion allocates nothing. Other strategies keep no tombstones either way.
     */
    public MapWatchBuilder trackLifespans(boolean trackLifespans) {
        this.trackLifespans = trackLifespans;
        return this;
    }

    /**
     * How hits, misses, puts and removals are counted: {@link Counting#EXACT} by default, {@link
     * Counting#SAMPLED} to estimate them from JVM-wide sampling windows at a fraction of the cost,
     * {@link Counting#OFF} not at all (they read zero). Structural figures (promotions, tombstones,
     * lock waits, size) are exact in every mode since they cost nothing on the fast path.
     */
    public MapWatchBuilder counting(Counting counting) {
        this.counting = requireNonNull(counting, "counting must not be null");
        return this;
    }

    /**
     * Shorthand for {@link #counting(Counting) counting(recordStats ? EXACT : OFF)}, as in
     * Caffeine's {@code recordStats()}; the last of the two calls wins.
     */
    public MapWatchBuilder recordStats(boolean recordStats) {
        return counting(recordStats ? Counting.EXACT : Counting.OFF);
    }

    /**
     * Contended lock acquisitions that wait at least this long emit a {@code mapwatch.MapLockWait}
     * JFR event (10 ms by default, as JFR's profile settings for lock events). Every contended
     * acquisition is counted in {@link MapStats#lockWaits()} regardless.
     */
    public MapWatchBuilder lockWaitThreshold(Duration threshold) {
        requireNonNull(threshold, "lock wait threshold must not be null");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException(
                    "lock wait threshold must not be negative, got " + threshold);
        }
        this.lockWaitThresholdNanos = saturatedNanos(threshold);
        return this;
    }

    /** A new map of the configured strategy, registered under the builder's name. */
    public <K, V> WatchedMap<K, V> build() {
        if (shardsSet && strategy != Strategy.STRIPED) {
            throw new IllegalArgumentException(
                    "shards(" + shards + ") applies only to Strategy.STRIPED, not " + strategy);
        }
        MapOptions options = options(strategy);
        AbstractWatchedMap<K, V> map =
                switch (strategy) {
                    case CONCURRENT -> new DelegatingMap<>(options, new ConcurrentHashMap<>());
                    case SYNC_MAP -> new SyncMap<>(options);
                    case LOCKED -> new SegmentedMap<>(options, 1);
                    case STRIPED -> new SegmentedMap<>(options, shards);
                    case SNAPSHOT -> new SnapshotMap<>(options);
                };
        return MapWatch.register(map);
    }

    /**
     * A map that counts around {@code delegate}, registered under the builder's name; its strategy
     * reads {@link Strategy#CONCURRENT}. The delegate must not be used directly afterwards if the
     * counts are to be complete.
     */
    public <K, V> WatchedMap<K, V> instrument(ConcurrentMap<K, V> delegate) {
        requireNonNull(delegate, "delegate map must not be null");
        if (strategySet && strategy != Strategy.CONCURRENT) {
            throw new IllegalArgumentException(
                    "instrument(delegate) counts around the given map; strategy("
                            + strategy
                            + ") cannot apply to it, remove it");
        }
        if (shardsSet) {
            throw new IllegalArgumentException(
                    "instrument(delegate) counts around the given map; shards("
                            + shards
                            + ") cannot apply to it, remove it");
        }
        if (delegate instanceof WatchedMap<?, ?> watched) {
            throw new IllegalArgumentException(
                    "map '" + watched.name() + "' is already watched; instrument its delegate");
        }
        return MapWatch.register(new DelegatingMap<>(options(Strategy.CONCURRENT), delegate));
    }

    private MapOptions options(Strategy effective) {
        return new MapOptions(
                name, effective, shards, trackLifespans, counting, lockWaitThresholdNanos);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
