package dev.mapwatch.maps;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * {@link Strategy#LOCKED} (one segment) and {@link Strategy#STRIPED} (a power of two of them):
 * each segment is a {@link HashMap} behind its own {@link ReentrantReadWriteLock}. Lookups take
 * the read lock of the key's segment, writes its write lock, so every single-key operation is
 * atomic and {@code compute*} functions run exactly once, under the lock. Contended acquisitions
 * are counted as lock waits with their mode.
 *
 * <p>{@code size()} adds per-segment sizes published by writers, without locking, so statistics
 * never wait for a writer. Iteration is weakly consistent: each segment is copied under its read lock when the
 * iterator reaches it, so it reflects each segment as it was at some moment during iteration.
 */
final class SegmentedMap<K, V> extends AbstractWatchedMap<K, V> {

    private final Segment<K, V>[] segments;
    private final int mask;

    @SuppressWarnings("unchecked")
    SegmentedMap(MapOptions options, int segmentCount) {
        super(options);
        if (Integer.bitCount(segmentCount) != 1) {
            throw new IllegalArgumentException(
                    "segment count must be a power of two: " + segmentCount);
        }
        this.segments = new Segment[segmentCount];
        for (int i = 0; i < segmentCount; i++) {
            segments[i] = new Segment<>();
        }
        this.mask = segmentCount - 1;
    }

    /** Spreads the hash so that keys differing only in high bits land in different segments. */
    private Segment<K, V> segmentFor(Object key) {
        int h = key.hashCode() * 0x9E3779B9;
        return segments[(h ^ (h >>> 16)) & mask];
    }

    @Override
    @Nullable V load(Object key) {
        Segment<K, V> s = segmentFor(key);
        lockWaits.lock(s.lock.readLock(), LockWaits.Mode.READ);
        try {
            return s.map.get(key);
        } finally {
            s.lock.readLock().unlock();
        }
    }

    @Override
    @Nullable V computeEntry(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        Segment<K, V> s = segmentFor(key);
        lockWaits.lock(s.lock.writeLock(), LockWaits.Mode.WRITE);
        try {
            return s.map.compute(key, remap);
        } finally {
            s.size = s.map.size();
            s.lock.writeLock().unlock();
        }
    }

    /** The sum of the segments' published sizes: takes no lock, so statistics never wait. */
    @Override
    public int size() {
        long size = 0;
        for (Segment<K, V> s : segments) {
            size += s.size;
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    @Override
    long deleteAll() {
        long removed = 0;
        for (Segment<K, V> s : segments) {
            lockWaits.lock(s.lock.writeLock(), LockWaits.Mode.WRITE);
            try {
                removed += s.map.size();
                s.map.clear();
                s.size = 0;
            } finally {
                s.lock.writeLock().unlock();
            }
        }
        return removed;
    }

    @Override
    Iterator<Entry<K, V>> entries() {
        return new Iterator<>() {
            private int next;
            private Iterator<Entry<K, V>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < segments.length) {
                    current = copy(segments[next++]);
                }
                return current.hasNext();
            }

            @Override
            public Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private Iterator<Entry<K, V>> copy(Segment<K, V> s) {
        lockWaits.lock(s.lock.readLock(), LockWaits.Mode.READ);
        try {
            if (s.map.isEmpty()) {
                return Collections.emptyIterator();
            }
            List<Entry<K, V>> copy = new ArrayList<>(s.map.size());
            for (Entry<K, V> e : s.map.entrySet()) {
                copy.add(new SimpleImmutableEntry<>(e));
            }
            return copy.iterator();
        } finally {
            s.lock.readLock().unlock();
        }
    }

    private static final class Segment<K, V> {
        final HashMap<K, V> map = new HashMap<>();
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        /** {@code map.size()}, published after each write under the write lock. */
        volatile int size;
    }
}
