package dev.mapwatch.maps;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The mechanism every strategy shares: the public {@code Map}/{@code ConcurrentMap} methods with
 * null checks and counting, the collection views, and {@code equals}/{@code hashCode}/{@code
 * toString} as {@link AbstractMap} defines them.
 *
 * <p>A strategy supplies storage primitives that neither check arguments nor count: {@link
 * #load}, {@link #computeEntry}, {@link #entries()} and {@link #size()}. Every other primitive
 * has a default built on {@link #computeEntry}, which a strategy overrides where it has a native
 * operation (a lock-free {@code put} for example). What is counted, and so the meaning of {@link
 * MapStats}, is decided here once for all strategies.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
abstract class AbstractWatchedMap<K, V> extends AbstractMap<K, V>
        implements WatchedMap<K, V>, WindowTarget {

    final MapOptions options;
    final MapCounters counters;

    /**
     * Where an operation counts now, the one field a counted {@code get} reads for its count:
     * the counters' cells when exact, when sampled while a sampling window is open, else null
     * ({@link MapCounters#openCells}, kept in the map so that a {@code get} does not load the
     * counters object: about 0.05 of a raw {@code get}'s throughput).
     */
    private volatile long @Nullable [] openCells;

    final LockWaits lockWaits;
    private @Nullable Set<K> keySet;
    private @Nullable Collection<V> values;
    private @Nullable Set<Entry<K, V>> entrySet;

    AbstractWatchedMap(MapOptions options) {
        this.options = options;
        this.counters = MapCounters.createUnregistered(options.counting());
        if (counters.counting() == Counting.EXACT) {
            openCells = counters.weighed(1);
        } else if (counters.counting() == Counting.SAMPLED) {
            WindowTargets.add(this); // the sampler only writes openCells, already initialised
        }
        this.lockWaits =
                new LockWaits(
                        options.name(),
                        options.strategy(),
                        counters,
                        options.lockWaitThresholdNanos());
    }

    // ---- storage primitives: no argument checks, no counting ----

    /** The value of {@code key}, or null. */
    abstract @Nullable V load(Object key);

    /**
     * Atomically replaces the value of {@code key} (null when absent) by {@code remap}'s result,
     * null meaning absent, and returns the new value: {@link java.util.Map#compute} semantics.
     */
    abstract @Nullable V computeEntry(K key, BiFunction<? super K, ? super V, ? extends V> remap);

    /** The entries, iterated weakly consistently; {@code remove()} need not be supported. */
    abstract Iterator<Entry<K, V>> entries();

    @Override
    public abstract int size();

    /** Stores {@code value}; returns the previous value or null. */
    @Nullable V store(K key, V value) {
        return update(key, old -> value);
    }

    /** Stores {@code value} when absent; returns the present value, or null when it stored. */
    @Nullable V storeIfAbsent(K key, V value) {
        return update(key, old -> old != null ? old : value);
    }

    /** Removes {@code key}; returns the removed value or null. */
    @Nullable V delete(Object key) {
        @SuppressWarnings("unchecked")
        K k = (K) key;
        return update(k, old -> null);
    }

    /** Removes {@code key} if its value equals {@code value}. */
    boolean deleteIf(Object key, Object value) {
        @SuppressWarnings("unchecked")
        K k = (K) key;
        return updateIfEquals(k, value, null);
    }

    /** Replaces the value of a present key; returns the previous value or null. */
    @Nullable V replaceIfPresent(K key, V value) {
        return update(key, old -> old == null ? null : value);
    }

    /** Replaces the value of {@code key} if it equals {@code expected}. */
    boolean replaceIf(K key, V expected, V value) {
        return updateIfEquals(key, expected, value);
    }

    /** The primitives above through {@link #computeEntry}: sets {@code next(old)}, returns old. */
    private @Nullable V update(K key, UnaryOperator<V> next) {
        Transition<V> t = new Transition<>();
        computeEntry(
                key,
                (k, old) -> {
                    t.old = old;
                    return next.apply(old);
                });
        return t.old;
    }

    /** Sets {@code value} (null: removes) if the present value equals {@code expected}. */
    private boolean updateIfEquals(K key, Object expected, @Nullable V value) {
        Transition<V> t = new Transition<>();
        computeEntry(
                key,
                (k, old) -> {
                    t.changed = old != null && old.equals(expected);
                    return t.changed ? value : old;
                });
        return t.changed;
    }

    /**
     * Returns the present value or stores {@code loader}'s result, calling {@code loader} at most
     * once per call, and only while the key is absent.
     */
    @Nullable V loadOrCompute(K key, Function<? super K, ? extends V> loader) {
        return computeEntry(key, (k, old) -> old != null ? old : loader.apply(k));
    }

    /** Removes every entry; returns how many were removed. Weakly consistent by default. */
    long deleteAll() {
        long removed = 0;
        for (Iterator<Entry<K, V>> it = entries(); it.hasNext(); ) {
            if (delete(it.next().getKey()) != null) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * The size reported by {@link #stats()}, which runs on JFR's periodic thread and must not wait
     * for a lock a writer holds; {@link #size()} where that takes no lock.
     */
    int statsSize() {
        return size();
    }

    /** Promotions, tombstones and their ages; zero for strategies without them. */
    TombstoneStats tombstoneStats() {
        return TombstoneStats.NONE;
    }

    // ---- WatchedMap ----

    @Override
    public final String name() {
        return options.name();
    }

    @Override
    public final Strategy strategy() {
        return options.strategy();
    }

    @Override
    public final Counting counting() {
        return counters.counting();
    }

    @Override
    public MapStats stats() {
        TombstoneStats t = tombstoneStats();
        return new MapStats(
                counters.hits(),
                counters.misses(),
                counters.puts(),
                counters.removals(),
                t.promotions(),
                t.tombstones(),
                t.oldestTombstoneAgeNanos(),
                t.purged(),
                t.purgeAgeNanos(),
                counters.lockWaits(),
                counters.lockWaitNanos(),
                statsSize());
    }

    // ---- Map and ConcurrentMap, counted ----

    @Override
    public @Nullable V get(Object key) {
        V value = load(requireNonNull(key, "key"));
        countLookup(value != null);
        return value;
    }

    @Override
    public @Nullable V getOrDefault(Object key, @Nullable V defaultValue) {
        V value = get(key);
        return value != null ? value : defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public boolean containsValue(Object value) {
        requireNonNull(value, "value");
        for (Iterator<Entry<K, V>> it = entries(); it.hasNext(); ) {
            if (value.equals(it.next().getValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public @Nullable V put(K key, V value) {
        V old = store(requireNonNull(key, "key"), requireNonNull(value, "value"));
        countPut();
        return old;
    }

    @Override
    public @Nullable V putIfAbsent(K key, V value) {
        V present = storeIfAbsent(requireNonNull(key, "key"), requireNonNull(value, "value"));
        countLookup(present != null);
        if (present == null) {
            countPut();
        }
        return present;
    }

    @Override
    public @Nullable V remove(Object key) {
        V old = delete(requireNonNull(key, "key"));
        if (old != null) {
            countRemovals(1);
        }
        return old;
    }

    @Override
    public boolean remove(Object key, @Nullable Object value) {
        requireNonNull(key, "key");
        if (value == null) {
            return false;
        }
        boolean removed = deleteIf(key, value);
        if (removed) {
            countRemovals(1);
        }
        return removed;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        requireNonNull(key, "key");
        requireNonNull(oldValue, "oldValue");
        requireNonNull(newValue, "newValue");
        boolean replaced = replaceIf(key, oldValue, newValue);
        if (replaced) {
            countPut();
        }
        return replaced;
    }

    @Override
    public @Nullable V replace(K key, V value) {
        V old = replaceIfPresent(requireNonNull(key, "key"), requireNonNull(value, "value"));
        if (old != null) {
            countPut();
        }
        return old;
    }

    @Override
    public @Nullable V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        requireNonNull(key, "key");
        requireNonNull(mappingFunction, "mappingFunction");
        V present = load(key);
        if (present != null) {
            countLookup(true);
            return present;
        }
        Transition<V> t = new Transition<>();
        V result =
                loadOrCompute(
                        key,
                        k -> {
                            t.changed = true;
                            t.value = mappingFunction.apply(k);
                            return t.value;
                        });
        countLookup(!t.changed);
        if (t.changed && result != null && result == t.value) {
            countPut();
        }
        return result;
    }

    @Override
    public @Nullable V computeIfPresent(
            K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        requireNonNull(key, "key");
        requireNonNull(remappingFunction, "remappingFunction");
        return computeCounted(
                key, (k, old) -> old == null ? null : remappingFunction.apply(k, old));
    }

    @Override
    public @Nullable V compute(
            K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        requireNonNull(key, "key");
        requireNonNull(remappingFunction, "remappingFunction");
        return computeCounted(key, remappingFunction);
    }

    @Override
    public @Nullable V merge(
            K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(remappingFunction, "remappingFunction");
        return computeCounted(
                key, (k, old) -> old == null ? value : remappingFunction.apply(old, value));
    }

    /** {@link #computeEntry} counting the put or removal that the last attempt of {@code remap} decided. */
    private @Nullable V computeCounted(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        Transition<V> t = new Transition<>();
        V result =
                computeEntry(
                        key,
                        (k, old) -> {
                            t.old = old;
                            return remap.apply(k, old);
                        });
        countTransition(t.old, result);
        return result;
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        requireNonNull(function, "function");
        for (Iterator<Entry<K, V>> it = entries(); it.hasNext(); ) {
            computeIfPresent(
                    it.next().getKey(),
                    (k, v) ->
                            requireNonNull(
                                    function.apply(k, v), "replaceAll function returned null"));
        }
    }

    @Override
    public void clear() {
        countRemovals(deleteAll());
    }

    private void countLookup(boolean hit) {
        MapCounters.recordLookup(openCells, counters, hit);
    }

    private void countPut() {
        MapCounters.recordPut(openCells, counters);
    }

    private void countRemovals(long count) {
        MapCounters.recordRemovals(openCells, counters, count);
    }

    // ---- sampling windows (Counting.SAMPLED only), called by the sampler thread ----

    @Override
    public void openWindow(int weight) {
        openCells = counters.weighed(weight);
    }

    @Override
    public void closeWindow() {
        openCells = null;
    }

    private void countTransition(@Nullable V old, @Nullable V now) {
        if (now != null) {
            if (now != old) {
                countPut();
            }
        } else if (old != null) {
            countRemovals(1);
        }
    }

    // ---- views ----

    @Override
    public Set<K> keySet() {
        Set<K> view = keySet;
        return view != null ? view : (keySet = new CollectionViews.KeySet<>(this));
    }

    @Override
    public Collection<V> values() {
        Collection<V> view = values;
        return view != null ? view : (values = new CollectionViews.Values<>(this));
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> view = entrySet;
        return view != null ? view : (entrySet = new CollectionViews.EntrySet<>(this));
    }

    /** What a compound operation saw, written by its function (the last application counts). */
    private static final class Transition<V> {
        @Nullable V old;
        @Nullable V value;
        boolean changed;
    }
}
