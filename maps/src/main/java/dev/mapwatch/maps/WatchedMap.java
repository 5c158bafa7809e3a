package dev.mapwatch.maps;

import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConcurrentMap} that counts what happens to it.
 *
 * <p>Obtain one from {@link MapWatch#newMap(String, Strategy)}, {@link MapWatch#instrument(String,
 * ConcurrentMap)} or {@link MapWatch#builder(String)}. Every strategy honours the whole {@code Map}
 * and {@code ConcurrentMap} contract and rejects {@code null} keys and values, as {@link
 * java.util.concurrent.ConcurrentHashMap} does.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public interface WatchedMap<K, V> extends ConcurrentMap<K, V> {

    /** The name this map is reported under (the {@code map} label of its metrics). */
    String name();

    /** How this map stores its entries. */
    Strategy strategy();

    /**
     * How this map counts its operations; under {@link Counting#SAMPLED} the hits, misses, puts and
     * removals of {@link #stats()} are estimates.
     */
    Counting counting();

    /**
     * A snapshot of what this map has counted since it was created. Counters are summed without
     * stopping writers, so under concurrent updates the fields are each exact at some recent moment
     * but not necessarily at the same one; in one thread they are exact.
     */
    MapStats stats();
}
