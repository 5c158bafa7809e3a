package dev.mapwatch.maps;

/**
 * How a {@link WatchedMap} stores its entries. Each strategy trades read speed, write speed and
 * memory differently; {@code mapwatch report} and the benchmarks in {@code bench/} say which one
 * fits an observed workload.
 */
public enum Strategy {
    /** A {@link java.util.concurrent.ConcurrentHashMap} inside: the default choice. */
    CONCURRENT,
    /**
     * A faithful port of Go's classic {@code sync.Map}: lock-free reads of a read-only snapshot,
     * a locked dirty map for new keys, promotion of the dirty map after enough misses, and deleted
     * entries kept as tombstones until the next promotion purges them. Its {@code size()} and
     * {@code stats()} walk the map (O(n)), as Go's {@code Range} would.
     */
    SYNC_MAP,
    /** A {@link java.util.HashMap} behind one read-write lock. */
    LOCKED,
    /** A power-of-two number of independently locked {@link java.util.HashMap} shards. */
    STRIPED,
    /** An immutable map published atomically: lock-free reads, every write copies. */
    SNAPSHOT
}
