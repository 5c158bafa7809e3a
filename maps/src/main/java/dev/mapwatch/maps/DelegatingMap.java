package dev.mapwatch.maps;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link Strategy#CONCURRENT} and {@link MapWatch#instrument}: counts around a {@link
 * ConcurrentMap} (a {@link java.util.concurrent.ConcurrentHashMap} for {@code CONCURRENT}). Every
 * primitive is the delegate's own operation, so atomicity, at-most-once {@code computeIfAbsent}
 * and weakly consistent iteration are the delegate's, and a counted {@code get} is the delegate's
 * {@code get} plus one {@link MapCounters} increment.
 */
final class DelegatingMap<K, V> extends AbstractWatchedMap<K, V> {

    private final ConcurrentMap<K, V> delegate;

    /** The delegate when it is exactly a {@link ConcurrentHashMap}, else null: see {@link #load}. */
    private final @Nullable ConcurrentHashMap<K, V> chm;

    DelegatingMap(MapOptions options, ConcurrentMap<K, V> delegate) {
        super(options);
        this.delegate = delegate;
        this.chm =
                delegate.getClass() == ConcurrentHashMap.class
                        ? (ConcurrentHashMap<K, V>) delegate
                        : null;
    }

    /**
     * The lookup, through a field typed {@link ConcurrentHashMap} when the delegate is one: a
     * virtual call the JIT binds without a type check (no loaded class overrides its {@code get}),
     * where an interface call on {@link ConcurrentMap} costs a load of the delegate's class and a
     * compare on every {@code get}.
     */
    @Override
    @Nullable V load(Object key) {
        ConcurrentHashMap<K, V> map = chm;
        return map != null ? map.get(key) : delegate.get(key);
    }

    @Override
    @Nullable V computeEntry(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        return delegate.compute(key, remap);
    }

    @Override
    Iterator<Entry<K, V>> entries() {
        return delegate.entrySet().iterator();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    @Nullable V store(K key, V value) {
        return delegate.put(key, value);
    }

    @Override
    @Nullable V storeIfAbsent(K key, V value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    @Nullable V delete(Object key) {
        return delegate.remove(key);
    }

    @Override
    boolean deleteIf(Object key, Object value) {
        return delegate.remove(key, value);
    }

    @Override
    @Nullable V replaceIfPresent(K key, V value) {
        return delegate.replace(key, value);
    }

    @Override
    boolean replaceIf(K key, V expected, V value) {
        return delegate.replace(key, expected, value);
    }

    @Override
    @Nullable V loadOrCompute(K key, Function<? super K, ? extends V> loader) {
        return delegate.computeIfAbsent(key, loader);
    }
}
