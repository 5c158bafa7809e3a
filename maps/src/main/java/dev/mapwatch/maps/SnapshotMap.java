package dev.mapwatch.maps;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * {@link Strategy#SNAPSHOT}: an immutable map published through a volatile field (Go's {@code
 * atomic.Value} holding a map). Reads are one volatile load and a {@link HashMap} lookup, without
 * locks; every write copies the map, changes the copy and publishes it.
 *
 * <p>Writers serialise on one lock rather than retrying a CAS, so that {@code compute*} and
 * {@code merge} call their function exactly once and a burst of writers does not copy the map
 * once per failed attempt; contended acquisitions count as lock waits. A write that changes
 * nothing copies nothing. Iteration walks the snapshot current when it starts.
 */
final class SnapshotMap<K, V> extends AbstractWatchedMap<K, V> {

    /** Never mutated once published. */
    private volatile Map<K, V> snapshot = Map.of();

    private final ReentrantLock writeLock = new ReentrantLock();

    SnapshotMap(MapOptions options) {
        super(options);
    }

    @Override
    @Nullable V load(Object key) {
        return snapshot.get(key);
    }

    @Override
    @Nullable V computeEntry(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(
                    "Recursive update: a function passed to this map updated it");
        }
        lockWaits.lock(writeLock, LockWaits.Mode.WRITE);
        try {
            Map<K, V> current = snapshot;
            V old = current.get(key);
            V updated = remap.apply(key, old);
            if (updated == old) {
                return updated;
            }
            HashMap<K, V> copy = new HashMap<>(current);
            if (updated == null) {
                copy.remove(key);
            } else {
                copy.put(key, updated);
            }
            snapshot = copy;
            return updated;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    Iterator<Entry<K, V>> entries() {
        return Collections.unmodifiableMap(snapshot).entrySet().iterator();
    }

    @Override
    public int size() {
        return snapshot.size();
    }

    @Override
    long deleteAll() {
        lockWaits.lock(writeLock, LockWaits.Mode.WRITE);
        try {
            long removed = snapshot.size();
            snapshot = Map.of();
            return removed;
        } finally {
            writeLock.unlock();
        }
    }
}
