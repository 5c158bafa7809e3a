package dev.mapwatch.maps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@link Strategy#SYNC_MAP}: a port of Go's classic {@code sync.Map} ({@code src/sync/map.go} of
 * Go 1.20 to 1.23, before the hash-trie rewrite of 1.24), path by path.
 *
 * <h2>Structure (as in Go)</h2>
 *
 * <ul>
 *   <li>{@code read}: an immutable {@code readOnly{m, amended}} published atomically; {@code m} is
 *       never changed once published, so it is read without locks. {@code amended} says the dirty
 *       map holds keys that {@code m} lacks.
 *   <li>{@code dirty}: a {@link HashMap} guarded by {@code mu}, holding every non-expunged entry
 *       of {@code read.m} plus the new keys; {@code null} until the first new key after a
 *       promotion, when {@link #dirtyLocked()} rebuilds it from {@code read.m}.
 *   <li>{@link Entry}: a mutable pointer {@code p} shared by both maps: a value, <em>nil</em>
 *       (deleted; in {@code dirty} too if {@code dirty} exists), or <em>expunged</em> (deleted and
 *       absent from {@code dirty}). Go's {@code nil} and {@code expunged} pointers are {@link
 *       Deleted} markers here, which may carry the deletion time.
 *   <li>{@code misses}: loads that had to lock {@code mu}; when {@code misses >= len(dirty)} the
 *       dirty map is promoted: it becomes {@code read.m} and {@code dirty} is dropped.
 * </ul>
 *
 * <h2>Java operations on Go's paths</h2>
 *
 * {@code get} is {@code Load}; {@code put} is {@code Swap} (Go's {@code Store}); {@code
 * putIfAbsent} is {@code LoadOrStore}; {@code remove(k)} is {@code LoadAndDelete}; {@code
 * remove(k, v)} is {@code CompareAndDelete}; {@code replace(k, old, new)} is {@code
 * CompareAndSwap}; {@code clear} is {@code Clear}; iteration is {@code Range}, which promotes an
 * amended dirty map first. Values are compared with {@code equals}. Operations Go lacks are built
 * from the same primitives: {@code replace(k, v)} follows {@code CompareAndSwap}'s paths with "any
 * present value" as the expected one; {@code compute}, {@code computeIfPresent}, {@code merge} and
 * {@code computeIfAbsent} run under {@code mu} (as every Go path that may add a key does), read
 * the key's entry from {@code read} or {@code dirty} (counting a miss when only {@code dirty} had
 * it, like {@code CompareAndSwap}) and commit with a CAS on the entry. Because {@code Swap}, {@code
 * CompareAndSwap} and deletes of keys present in {@code read} do not take {@code mu}, such a write
 * to the same key can slip in between reading the entry and the CAS: then the remapping function
 * of {@code compute}/{@code computeIfPresent}/{@code merge} is applied again to the new value
 * (each application sees a value the key really had, only the last one takes effect, as in {@link
 * java.util.concurrent.ConcurrentSkipListMap}). {@code computeIfAbsent} never calls its function
 * twice: its function runs at most once per call and, since it runs under {@code mu}, at most once
 * for concurrent callers of the same absent key; if a lock-free write stores a value meanwhile,
 * that value is returned.
 *
 * <h2>Tombstones</h2>
 *
 * A tombstone is an entry of the current {@code read.m} whose pointer is nil or expunged: a key
 * deleted but still held. It is <em>purged</em> when it stops being held: at a promotion, every
 * expunged entry of the old {@code read.m} is dropped (the dirty map that replaces it never
 * contains expunged entries), and {@code clear} drops all of them. Its age at purge is the time
 * from its deletion to that moment (with {@code trackLifespans}). A nil entry still in {@code
 * dirty} survives a promotion as a tombstone of the new {@code read.m}; it is expunged by the next
 * {@link #dirtyLocked()} and purged by the promotion after that. Entries deleted while only in
 * {@code dirty} are not tombstones. Tombstones held now and the oldest one's age are found by
 * scanning {@code read.m} when {@link #stats()} is called (O(n), lock-free); promotions and purges
 * are counted as they happen, under {@code mu}.
 */
final class SyncMap<K, V> extends AbstractWatchedMap<K, V> {

    /** Go's deleted pointer states; {@code timed} ones carry the deletion time. */
    private static final class Deleted {
        final boolean expunged;
        final boolean timed;
        final long deletedAt;

        Deleted(boolean expunged, boolean timed, long deletedAt) {
            this.expunged = expunged;
            this.timed = timed;
            this.deletedAt = deletedAt;
        }
    }

    /** Go's {@code nil} and {@code expunged} when lifespans are not tracked. */
    private static final Deleted NIL = new Deleted(false, false, 0);

    private static final Deleted EXPUNGED = new Deleted(true, false, 0);

    /** Returned by the {@code try*} entry operations when the entry is expunged (Go's ok=false). */
    private static final Object FAILED = new Object();

    /** A slot for one key, shared by {@code read.m} and {@code dirty}. */
    private static final class Entry {
        private static final VarHandle P;

        static {
            try {
                P = MethodHandles.lookup().findVarHandle(Entry.class, "p", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** A value, or a {@link Deleted} marker; never null. */
        volatile Object p;

        Entry(Object value) {
            this.p = value;
        }

        boolean cas(@Nullable Object expected, Object update) {
            return P.compareAndSet(this, expected, update);
        }

        @Nullable Object load() {
            Object v = p;
            return v instanceof Deleted ? null : v;
        }

        boolean isExpunged() {
            return p instanceof Deleted d && d.expunged;
        }
    }

    /**
     * Go's {@code readOnly}: {@code m} is never modified once published. Always a {@link HashMap}
     * (an empty one rather than {@code Map.of()}), so the lookup of every read is monomorphic.
     */
    private record ReadOnly<K>(HashMap<K, Entry> m, boolean amended) {}

    private volatile ReadOnly<K> read = new ReadOnly<>(new HashMap<>(), false);

    private final ReentrantLock mu = new ReentrantLock();

    /** Guarded by {@code mu}. */
    private @Nullable HashMap<K, Entry> dirty;

    /** Guarded by {@code mu}. */
    private int misses;

    /** Expunged entries in {@code read.m}, which the next promotion purges; guarded by {@code mu}. */
    private long expunged;

    /** Sum of their deletion times (wrapping arithmetic), for their ages at purge. */
    private long expungedDeletedAtSum;

    /** Written under {@code mu}, read by {@link #stats()}. */
    private volatile long promotions;

    private volatile long purged;
    private volatile long purgeAgeNanos;

    /** The last size counted under {@code mu}. */
    private volatile int lastSize;

    SyncMap(MapOptions options) {
        super(options);
    }

    // ---- Go's entry operations ----

    private Deleted nilNow() {
        return options.trackLifespans() ? new Deleted(false, true, System.nanoTime()) : NIL;
    }

    @SuppressWarnings("unchecked")
    private static <V> @Nullable V valueOf(@Nullable Object p) {
        return p instanceof Deleted ? null : (V) p;
    }

    private static final Predicate<Object> IS_EXPUNGED = p -> p instanceof Deleted d && d.expunged;
    private static final Predicate<Object> IS_DELETED = p -> p instanceof Deleted;

    /**
     * Go's entry CAS loop: replaces the entry's pointer by {@code update} unless {@code refuse}
     * accepts the current pointer; returns the replaced pointer, or {@link #FAILED} if refused.
     */
    private static Object casUnless(Entry e, Predicate<Object> refuse, Object update) {
        for (; ; ) {
            Object p = e.p;
            if (refuse.test(p)) {
                return FAILED;
            }
            if (e.cas(p, update)) {
                return p;
            }
        }
    }

    private static Predicate<Object> deletedOrOtherThan(Object expected) {
        return p -> p instanceof Deleted || !p.equals(expected);
    }

    private static @Nullable Object nullIfFailed(Object p) {
        return p == FAILED ? null : p;
    }

    /** {@code tryCompareAndSwap}: swaps if the entry holds a value equal to {@code old}. */
    private static boolean tryCompareAndSwap(Entry e, Object old, Object update) {
        return casUnless(e, deletedOrOtherThan(old), update) != FAILED;
    }

    /** {@code trySwap}: swaps unless expunged; returns the previous pointer or {@link #FAILED}. */
    private static Object trySwap(Entry e, Object value) {
        return casUnless(e, IS_EXPUNGED, value);
    }

    /**
     * {@code tryLoadOrStore}: the present value, or null when {@code value} was stored, or {@link
     * #FAILED} when the entry is expunged.
     */
    private static @Nullable Object tryLoadOrStore(Entry e, Object value) {
        for (; ; ) {
            Object p = e.p;
            if (p instanceof Deleted d) {
                if (d.expunged) {
                    return FAILED;
                }
                if (e.cas(p, value)) {
                    return null;
                }
            } else {
                return p;
            }
        }
    }

    /** {@code delete}: the removed value, or null. */
    private @Nullable Object deleteEntry(Entry e) {
        return nullIfFailed(casUnless(e, IS_DELETED, nilNow()));
    }

    /** {@code unexpungeLocked}: true if the entry was expunged (it must then join dirty). */
    private boolean unexpungeLocked(Entry e) {
        return unexpungeToLocked(e) != null;
    }

    /**
     * {@link #unexpungeLocked}, returning the nil pointer it installed, or null if the entry was
     * not expunged.
     */
    private @Nullable Deleted unexpungeToLocked(Entry e) {
        if (e.p instanceof Deleted d && d.expunged) {
            Deleted nil = d.timed ? new Deleted(false, true, d.deletedAt) : NIL;
            if (e.cas(d, nil)) {
                expunged--;
                expungedDeletedAtSum -= d.deletedAt;
                return nil;
            }
        }
        return null;
    }

    /** {@code tryExpungeLocked}: turns nil into expunged; true if the entry is expunged. */
    private boolean tryExpungeLocked(Entry e) {
        Object p = e.p;
        while (p instanceof Deleted d && !d.expunged) {
            Deleted x = d.timed ? new Deleted(true, true, d.deletedAt) : EXPUNGED;
            if (e.cas(d, x)) {
                expunged++;
                expungedDeletedAtSum += d.deletedAt;
                return true;
            }
            p = e.p;
        }
        return p instanceof Deleted d && d.expunged;
    }

    // ---- Go's map operations ----

    private void lock() {
        lockWaits.lock(mu, LockWaits.Mode.WRITE);
    }

    /** {@code Load}. */
    @Override
    @Nullable V load(Object key) {
        Entry e = locate(key, false);
        return e == null ? null : valueOf(e.p);
    }

    /**
     * The lookup of {@code Load}, {@code LoadAndDelete} and {@code CompareAndDelete}: the entry of
     * {@code read.m}, else, if read is amended, the entry of {@code dirty} under {@code mu}, which
     * counts a miss; {@code removeFromDirty} is {@code LoadAndDelete}'s {@code delete(m.dirty, key)}.
     */
    private @Nullable Entry locate(Object key, boolean removeFromDirty) {
        ReadOnly<K> r = read;
        Entry e = r.m().get(key);
        return e == null && r.amended() ? locateLocked(key, removeFromDirty) : e;
    }

    /**
     * {@link #locate}'s slow path: read was amended and {@code read.m} lacked the key. A method of
     * its own so that the lock-free lookup compiles small enough for the JIT to inline it into
     * {@code get}, at least when this path was cold when {@code get} was compiled (see {@code
     * bench/RESULTS.md}, section 2).
     */
    private @Nullable Entry locateLocked(Object key, boolean removeFromDirty) {
        lock();
        try {
            // Avoid a spurious miss if dirty was promoted while we waited for mu.
            ReadOnly<K> r = read;
            Entry e = r.m().get(key);
            if (e == null && r.amended()) {
                HashMap<K, Entry> d = amendedDirty();
                e = removeFromDirty ? d.remove(key) : d.get(key);
                // A miss either way: this key takes the slow path until promotion.
                missLocked();
            }
            return e;
        } finally {
            mu.unlock();
        }
    }

    /** {@code Swap} (Go's {@code Store} is {@code Swap} ignoring the result). */
    @Override
    @Nullable V store(K key, V value) {
        return valueOf(
                storeVia(key, value, e -> trySwap(e, value), e -> swapLocked(e, value), false));
    }

    /** {@code LoadOrStore}: the present value, or null when stored. */
    @Override
    @Nullable V storeIfAbsent(K key, V value) {
        Function<Entry, Object> loadOrStore = e -> tryLoadOrStore(e, value);
        return valueOf(storeVia(key, value, loadOrStore, loadOrStore, true));
    }

    /**
     * {@code Swap} and {@code LoadOrStore}: a lock-free {@code tryOp} on the entry of read.m, which
     * fails ({@link #FAILED}) only on an expunged entry; else {@link #storeLocked}.
     */
    private @Nullable Object storeVia(
            K key,
            V value,
            Function<Entry, Object> tryOp,
            Function<Entry, Object> lockedOp,
            boolean missOnDirty) {
        Entry e = read.m().get(key);
        if (e != null) {
            Object result = tryOp.apply(e);
            if (result != FAILED) {
                return result;
            }
        }
        return storeLocked(key, value, lockedOp, missOnDirty);
    }

    /**
     * The locked half of {@code Swap} and {@code LoadOrStore}: applies {@code op} to the key's
     * entry (unexpunging an entry of read.m into dirty first; counting a miss for an entry only in
     * dirty if {@code missOnDirty}), or adds the key with {@code value} and returns null.
     */
    private @Nullable Object storeLocked(
            K key, V value, Function<Entry, Object> op, boolean missOnDirty) {
        lock();
        try {
            ReadOnly<K> r = read;
            Entry e = r.m().get(key);
            if (e != null) {
                if (unexpungeLocked(e)) {
                    // It was expunged: dirty exists and lacks it.
                    amendedDirty().put(key, e);
                }
                return op.apply(e);
            }
            e = dirty == null ? null : dirty.get(key);
            if (e != null) {
                Object result = op.apply(e);
                if (missOnDirty) {
                    missLocked();
                }
                return result;
            }
            addLocked(r, key, value);
            return null;
        } finally {
            mu.unlock();
        }
    }

    /** {@code swapLocked}: the entry is known not to be expunged. */
    private static Object swapLocked(Entry e, Object value) {
        return Entry.P.getAndSet(e, value);
    }

    /** Adds a key absent from both maps: the first new key after a promotion rebuilds dirty. */
    private void addLocked(ReadOnly<K> r, K key, Object value) {
        if (!r.amended()) {
            dirtyLocked();
            read = new ReadOnly<>(r.m(), true);
        }
        amendedDirty().put(key, new Entry(value));
    }

    /** {@code LoadAndDelete}. */
    @Override
    @Nullable V delete(Object key) {
        Entry e = locate(key, true);
        return e == null ? null : valueOf(deleteEntry(e));
    }

    /** {@code CompareAndDelete}: the entry stays in dirty; it is expunged after promotion. */
    @Override
    boolean deleteIf(Object key, Object value) {
        Entry e = locate(key, false);
        return e != null && casUnless(e, deletedOrOtherThan(value), nilNow()) != FAILED;
    }

    /** {@code CompareAndSwap}. */
    @Override
    boolean replaceIf(K key, V expected, V value) {
        return onPresentEntry(key, e -> tryCompareAndSwap(e, expected, value), false);
    }

    /** Not in Go: {@code CompareAndSwap}'s paths with any present value as the expected one. */
    @Override
    @Nullable V replaceIfPresent(K key, V value) {
        // Like trySwap but only over a value; FAILED: no value to swap, here or in dirty.
        return valueOf(
                nullIfFailed(onPresentEntry(key, e -> casUnless(e, IS_DELETED, value), FAILED)));
    }

    /**
     * {@code CompareAndSwap}'s paths: {@code op} on the entry of read.m, else, if read is amended,
     * on the entry of dirty under {@code mu} (a miss: the key needed mu though the key set did not
     * change); {@code absent} when neither map has the key.
     */
    private <R> R onPresentEntry(Object key, Function<Entry, R> op, R absent) {
        ReadOnly<K> r = read;
        Entry e = r.m().get(key);
        if (e != null) {
            return op.apply(e);
        } else if (!r.amended()) {
            return absent;
        }
        lock();
        try {
            r = read;
            e = r.m().get(key);
            if (e != null) {
                return op.apply(e);
            }
            e = dirty == null ? null : dirty.get(key);
            if (e == null) {
                return absent;
            }
            R result = op.apply(e);
            missLocked();
            return result;
        } finally {
            mu.unlock();
        }
    }

    @Override
    @Nullable V computeEntry(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        return compoundLocked(
                key,
                (e, p) -> {
                    V old = e == null ? null : valueOf(p);
                    V updated = remap.apply(key, old);
                    return updated == old || commitLocked(key, e, p, updated) ? updated : RETRY;
                });
    }

    @Override
    @Nullable V loadOrCompute(K key, Function<? super K, ? extends V> loader) {
        Object[] loaded = {RETRY}; // the loader's result once it has run: it runs at most once
        return compoundLocked(
                key,
                (e, p) -> {
                    if (p != null && !(p instanceof Deleted)) {
                        return p;
                    }
                    if (loaded[0] == RETRY) {
                        loaded[0] = loader.apply(key);
                    }
                    @SuppressWarnings("unchecked")
                    V value = (V) loaded[0];
                    return value == null || commitLocked(key, e, p, value) ? value : RETRY;
                });
    }

    /** Returned by a {@link CompoundStep} to read the entry again and retry. */
    private static final Object RETRY = new Object();

    /** One attempt of a compound operation on the key's entry (null: absent) and its pointer. */
    private interface CompoundStep {
        Object attempt(@Nullable Entry e, @Nullable Object p);
    }

    /**
     * Runs {@code step} under {@code mu} on the key's entry from read.m or dirty until it returns
     * something other than {@link #RETRY}; finding the key only in dirty counts one miss.
     */
    private <R> R compoundLocked(K key, CompoundStep step) {
        lockForCompound();
        boolean missed = false;
        try {
            for (; ; ) {
                Entry e = read.m().get(key);
                if (e == null && dirty != null) {
                    e = dirty.get(key);
                    missed |= e != null;
                }
                Object result = step.attempt(e, e == null ? null : e.p);
                if (result != RETRY) {
                    @SuppressWarnings("unchecked")
                    R r = (R) result;
                    return r;
                }
            }
        } finally {
            try {
                if (missed) {
                    missLocked();
                }
            } finally {
                mu.unlock();
            }
        }
    }

    private void lockForCompound() {
        if (mu.isHeldByCurrentThread()) {
            throw new IllegalStateException(
                    "Recursive update: a function passed to this map updated it");
        }
        lock();
    }

    /**
     * Under {@code mu}: replaces {@code e}'s pointer {@code p} (observed before calling user code)
     * by {@code updated}, null meaning delete; {@code e == null} means the key was absent. False
     * when a lock-free write changed the entry meanwhile (the caller reads again).
     */
    private boolean commitLocked(
            K key, @Nullable Entry e, @Nullable Object p, @Nullable V updated) {
        ReadOnly<K> r = read;
        Entry inRead = r.m().get(key);
        Entry current = inRead != null ? inRead : dirty == null ? null : dirty.get(key);
        if (current != e) {
            return false;
        }
        if (updated == null) {
            if (e == null) {
                return true; // absent, and stays so
            }
            if (!e.cas(p, nilNow())) {
                return false;
            }
            if (inRead == null) {
                // Only in dirty: like LoadAndDelete, the key leaves dirty at once.
                amendedDirty().remove(key);
            }
            return true;
        }
        if (e == null) {
            addLocked(r, key, updated);
            return true;
        }
        if (p instanceof Deleted d && d.expunged) {
            Deleted nil = unexpungeToLocked(e);
            if (nil == null) {
                return false;
            }
            amendedDirty().put(key, e);
            // Expect the nil just installed, not a re-read pointer: a lock-free Swap may store
            // into the entry as soon as it is unexpunged, and overwriting that value would lose it
            // (the remapping function saw the key absent). A failed CAS makes the caller retry.
            p = nil;
        }
        return e.cas(p, updated);
    }

    /**
     * Under {@code mu}, while read is amended (or just after dirty was rebuilt): dirty, which then
     * holds every live key. Its absence is a broken invariant, not a state.
     */
    private HashMap<K, Entry> amendedDirty() {
        HashMap<K, Entry> d = dirty;
        if (d == null) {
            throw new IllegalStateException("dirty map missing while read is amended");
        }
        return d;
    }

    /** {@code missLocked}: promotes dirty once the misses have paid for copying it. */
    private void missLocked() {
        if (dirty == null) {
            return;
        }
        misses++;
        if (misses < dirty.size()) {
            return;
        }
        promoteLocked();
    }

    /** The dirty map becomes the read map, unamended; expunged entries of the old one are purged. */
    private void promoteLocked() {
        Object event = MapEvents.beginPromotion();
        HashMap<K, Entry> promoted = amendedDirty();
        read = new ReadOnly<>(promoted, false);
        dirty = null;
        misses = 0;
        purgeExpungedLocked(System.nanoTime());
        promotions = promotions + 1;
        MapEvents.commitPromotion(event, name(), strategy(), promoted.size());
    }

    private void purgeExpungedLocked(long now) {
        if (expunged == 0) {
            return;
        }
        purged = purged + expunged;
        if (options.trackLifespans()) {
            purgeAgeNanos = purgeAgeNanos + (expunged * now - expungedDeletedAtSum);
        }
        expunged = 0;
        expungedDeletedAtSum = 0;
    }

    /** {@code dirtyLocked}: rebuilds dirty from read.m, expunging deleted entries. */
    private void dirtyLocked() {
        if (dirty != null) {
            return;
        }
        Map<K, Entry> m = read.m();
        HashMap<K, Entry> d = new HashMap<>(Math.max(16, (int) (m.size() / 0.75f) + 1));
        for (Map.Entry<K, Entry> kv : m.entrySet()) {
            if (!tryExpungeLocked(kv.getValue())) {
                d.put(kv.getKey(), kv.getValue());
            }
        }
        dirty = d;
    }

    /** {@code Clear}: the read map is replaced by an empty one, dropping its tombstones. */
    @Override
    long deleteAll() {
        ReadOnly<K> r = read;
        if (r.m().isEmpty() && !r.amended()) {
            return 0;
        }
        lock();
        try {
            r = read;
            long removed = countLive(r.amended() ? amendedDirty().values() : r.m().values());
            long now = System.nanoTime();
            long nil = 0;
            long nilAge = 0;
            for (Entry e : r.m().values()) {
                if (e.p instanceof Deleted d && !d.expunged) {
                    nil++;
                    nilAge += d.timed ? now - d.deletedAt : 0;
                }
            }
            purged = purged + nil;
            purgeAgeNanos = purgeAgeNanos + nilAge;
            purgeExpungedLocked(now);
            read = new ReadOnly<>(new HashMap<>(), false);
            if (dirty != null) {
                dirty.clear();
            }
            // Do not promote the newly cleared dirty map on the next operation.
            misses = 0;
            return removed;
        } finally {
            mu.unlock();
        }
    }

    /** {@code Range}'s start: an amended dirty map is promoted, then read.m is iterated. */
    @Override
    Iterator<Map.Entry<K, V>> entries() {
        ReadOnly<K> r = read;
        if (r.amended()) {
            lock();
            try {
                r = read;
                if (r.amended()) {
                    promoteLocked();
                    r = read;
                }
            } finally {
                mu.unlock();
            }
        }
        Iterator<Map.Entry<K, Entry>> it = r.m().entrySet().iterator();
        return new Iterator<>() {
            private Map.@Nullable Entry<K, V> next;

            @Override
            public boolean hasNext() {
                while (next == null && it.hasNext()) {
                    Map.Entry<K, Entry> kv = it.next();
                    V v = valueOf(kv.getValue().p);
                    if (v != null) {
                        next = new java.util.AbstractMap.SimpleImmutableEntry<>(kv.getKey(), v);
                    }
                }
                return next != null;
            }

            @Override
            public Map.Entry<K, V> next() {
                Map.@Nullable Entry<K, V> result = hasNext() ? next : null;
                if (result == null) {
                    throw new NoSuchElementException();
                }
                next = null;
                return result;
            }
        };
    }

    /** Live entries, without promoting: dirty holds every live entry while read is amended. */
    @Override
    public int size() {
        ReadOnly<K> r = read;
        if (!r.amended()) {
            return (int) countLive(r.m().values());
        }
        lock();
        try {
            return sizeLocked();
        } finally {
            mu.unlock();
        }
    }

    private int sizeLocked() {
        ReadOnly<K> r = read;
        int size = (int) countLive(r.amended() ? amendedDirty().values() : r.m().values());
        lastSize = size;
        return size;
    }

    /**
     * Like {@link #size()}, but when read is amended and {@code mu} is busy, the size last counted
     * instead of waiting: statistics never wait for the map's lock.
     */
    @Override
    int statsSize() {
        ReadOnly<K> r = read;
        if (!r.amended()) {
            return (int) countLive(r.m().values());
        }
        if (!mu.tryLock()) {
            return lastSize;
        }
        try {
            return sizeLocked();
        } finally {
            mu.unlock();
        }
    }

    private static long countLive(Iterable<Entry> entries) {
        long live = 0;
        for (Entry e : entries) {
            if (!(e.p instanceof Deleted)) {
                live++;
            }
        }
        return live;
    }

    @Override
    TombstoneStats tombstoneStats() {
        long tombstones = 0;
        long oldest = Long.MAX_VALUE;
        boolean timed = false;
        for (Entry e : read.m().values()) {
            if (e.p instanceof Deleted d) {
                tombstones++;
                if (d.timed && (!timed || d.deletedAt - oldest < 0)) {
                    oldest = d.deletedAt;
                    timed = true;
                }
            }
        }
        long oldestAge = timed ? Math.max(0, System.nanoTime() - oldest) : 0;
        return new TombstoneStats(promotions, tombstones, oldestAge, purged, purgeAgeNanos);
    }
}
