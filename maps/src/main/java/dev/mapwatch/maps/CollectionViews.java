package dev.mapwatch.maps;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code keySet}, {@code values} and {@code entrySet} views of an {@link AbstractWatchedMap},
 * shared by every strategy. They write through to the map (so their removals are counted),
 * iterate weakly consistently as the strategy's {@link AbstractWatchedMap#entries()} does, and
 * support {@link Iterator#remove()} and {@link Entry#setValue}, as {@link
 * java.util.concurrent.ConcurrentHashMap}'s views do. Adding through a view is not supported.
 */
final class CollectionViews {

    private CollectionViews() {}

    static final class KeySet<K, V> extends AbstractSet<K> {
        private final AbstractWatchedMap<K, V> map;

        KeySet(AbstractWatchedMap<K, V> map) {
            this.map = map;
        }

        @Override
        public Iterator<K> iterator() {
            return new ViewIterator<>(map, Entry::getKey);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return map.containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
            return map.remove(o) != null;
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    static final class Values<K, V> extends AbstractCollection<V> {
        private final AbstractWatchedMap<K, V> map;

        Values(AbstractWatchedMap<K, V> map) {
            this.map = map;
        }

        @Override
        public Iterator<V> iterator() {
            return new ViewIterator<>(map, Entry::getValue);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return map.containsValue(o);
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    static final class EntrySet<K, V> extends AbstractSet<Entry<K, V>> {
        private final AbstractWatchedMap<K, V> map;

        EntrySet(AbstractWatchedMap<K, V> map) {
            this.map = map;
        }

        @Override
        public Iterator<Entry<K, V>> iterator() {
            return new ViewIterator<>(map, Function.identity());
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e) || e.getKey() == null || e.getValue() == null) {
                return false;
            }
            Object present = map.load(e.getKey());
            return present != null && present.equals(e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && e.getKey() != null
                    && map.remove(e.getKey(), e.getValue());
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    /** Iterates a strategy's entries as write-through entries, with a working remove. */
    private static final class ViewIterator<K, V, T> implements Iterator<T> {
        private final AbstractWatchedMap<K, V> map;
        private final Iterator<Entry<K, V>> entries;
        private final Function<? super Entry<K, V>, T> project;
        private @Nullable K lastKey;

        ViewIterator(AbstractWatchedMap<K, V> map, Function<? super Entry<K, V>, T> project) {
            this.map = map;
            this.entries = map.entries();
            this.project = project;
        }

        @Override
        public boolean hasNext() {
            return entries.hasNext();
        }

        @Override
        public T next() {
            if (!entries.hasNext()) {
                throw new NoSuchElementException();
            }
            Entry<K, V> raw = entries.next();
            lastKey = raw.getKey();
            return project.apply(new WriteThroughEntry<>(map, raw.getKey(), raw.getValue()));
        }

        @Override
        public void remove() {
            if (lastKey == null) {
                throw new IllegalStateException(
                        "next() was not called, or remove() was already called");
            }
            map.remove(lastKey);
            lastKey = null;
        }
    }

    /** An entry whose {@code setValue} writes to the map, as ConcurrentHashMap's entries do. */
    private static final class WriteThroughEntry<K, V> implements Entry<K, V> {
        private final AbstractWatchedMap<K, V> map;
        private final K key;
        private V value;

        WriteThroughEntry(AbstractWatchedMap<K, V> map, K key, V value) {
            this.map = map;
            this.key = key;
            this.value = value;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V newValue) {
            Objects.requireNonNull(newValue, "value");
            V previous = value;
            value = newValue;
            map.put(key, newValue);
            return previous;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && key.equals(e.getKey())
                    && value.equals(e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ value.hashCode();
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }
}
