package dev.mapwatch.maps;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The operation counters of one map (hits, misses, puts, removals), cheap enough to leave on:
 * counted {@linkplain Counting#EXACT exactly}, {@linkplain Counting#SAMPLED sampled} or {@linkplain
 * Counting#OFF not at all}. Every {@link WatchedMap} counts with one; code that counts maps of its
 * own (the agent's rewritten call sites) creates one per map with {@link #create(Counting)} and
 * calls {@code record*} after each operation:
 *
 * <pre>{@code
 * MapCounters counters = MapCounters.create(Counting.SAMPLED);
 * V value = map.get(key);
 * counters.recordLookup(value != null);
 * }</pre>
 *
 * Thread-safe; {@code record*} never blocks and allocates only when a thread counts into this
 * object for the first time.
 *
 * <p>The readers ({@link #hits()} and so on) add the cells (opaque reads) and the fallback. In one
 * thread exact figures are exact; after the counting threads have been joined (or otherwise
 * synchronised with) no count is lost; while threads run, each counter is some recent value and
 * counters are not mutually atomic. Sampled figures are estimates; every figure only grows.
 *
 * <p>Cost (JMH, {@code bench/RESULTS.md}): on two busy cores an L1-resident {@code
 * ConcurrentHashMap.get} costs 1.6 to 2.6 ns and an exactly counted one 1.5 to 2 ns more, less
 * than half the overhead of a {@code LongAdder}. That is the instructions of finding the cell and
 * the load and store of the counter; neither a plain store, a branch-free slot choice nor
 * spreading a counter over two words (to break the store-to-load chain between consecutive
 * increments) measured any better.
 *
 * <p>The number of cells is the smallest power of two at least four times the available
 * processors, at least {@value #MIN_CELLS} and at most {@value #MAX_CELLS}: about 2 KiB per map on
 * a small machine.
 */
public final class MapCounters {

    /*
     * Why not a {@link LongAdder} per counter
     *
     * A {@code LongAdder} increment is a CAS on a cell chosen by a per-thread probe, and every counter
     * of a map has its own cells, so a counted {@code get} pays an atomic read-modify-write on a second
     * cache line; measured on two cores that keeps only 0.5 to 0.75 of a raw {@code
     * ConcurrentHashMap.get}. Here a counted operation is a plain load and an opaque store to a line
     * the thread already owns.
     *
     * Design
     *
     * <ul>
     *   <li><b>Cells owned by one thread.</b> The counters hold a power-of-two number of cells in one
     *       {@code long[]}. A cell is {@value #STRIDE} longs (128 bytes: two cache lines, so neither
     *       the line nor the adjacent-line prefetcher is shared with a neighbour cell) and holds the
     *       owning thread's id followed by every counter ({@link Slot}). One operation therefore
     *       touches exactly one cache line of counters, and no other thread writes it.
     *   <li><b>Home cell from the thread's identity.</b> A thread's home index is its {@linkplain
     *       Thread#getId() id} (unique for the life of the JVM, handed out sequentially) modulo the
     *       cell count, so threads started together have distinct homes. The fast path
     *       compares the id stored in the home cell with the caller's id: equal means owned, and the
     *       increment is {@code cells[i] + n} published with {@link VarHandle#setOpaque} (a single
     *       writer needs no CAS; opaque keeps the store atomic and eventually visible to readers).
     *   <li><b>Claiming once by CAS.</b> On a mismatch the thread probes up to {@value #PROBES}
     *       cells: it takes a free one with a CAS on the owner slot ({@link AtomicReferenceArray} of
     *       {@link WeakReference}s to threads, so the counters never keep a thread object alive), then
     *       writes its id into the cell.
     *   <li><b>Taking over a dead owner's cell.</b> A cell whose owner has terminated ({@link
     *       Thread#isAlive()} is false, or the thread object has been collected) may be taken over by
     *       CAS; the new owner continues from the counts already there. Seeing {@code isAlive() ==
     *       false} happens-after every action of the dead thread (JLS 17.4.4), so no count is lost or
     *       torn. A collected thread object means its thread ended long before (it passed a GC
     *       safepoint), which in practice carries the same visibility.
     *   <li><b>Fallback.</b> When every probed cell is owned by a live thread (more busy threads than
     *       cells), the thread adds to a shared {@link LongAdder} per counter: correct, just slower.
     *   <li><b>One field says where to count.</b> An operation reads one volatile field, the open
     *       cells, and counts into them if it is not null; what one operation adds (1, or a sampling
     *       window's weight) is stored in the cells array itself, next to its length, which the
     *       count loads anyway. Exact counters always hold their cells there; sampled ones only
     *       while a sampling window is open ({@link WindowTargets} opens and closes them); for {@link
     *       Counting#OFF} it is always null. No mode flag and nothing shared between maps is read:
     *       outside a window a sampled operation costs that load and a branch, on a line of its own
     *       map ({@link SamplingWindows} describes the windows and the estimator). An earlier version
     *       read a JVM-wide gate word there, next to the map's own field: one more load and branch
     *       per operation, which cost 0.07 to 0.1 of a raw {@code get} (and a shared gate object
     *       read through a field of the map, 0.05 to 0.1). The price is the sampler's: it writes
     *       the field of every sampled map at each window edge, so their number is bounded ({@link
     *       WindowTargets}). A map keeps the open
     *       cells in a field of its own ({@link #createUnregistered}), so a counted {@code get} does
     *       not load the counters object either; the cell mask comes from the array's length. Lock
     *       waits are counted exactly in every mode, in {@code LongAdder}s: they happen on a slow
     *       path.
     * </ul>
     *
     */

    /** What is counted: the index of each counter inside a cell (slot 0 holds the owner's id). */
    enum Slot {
        HITS,
        MISSES,
        PUTS,
        REMOVALS;

        int offset() {
            return ordinal() + 1;
        }
    }

    // The slots' offsets as static finals, which the JIT folds: the hot path loads no enum.
    private static final int HITS = Slot.HITS.offset();
    private static final int MISSES = Slot.MISSES.offset();
    private static final int PUTS = Slot.PUTS.offset();
    private static final int REMOVALS = Slot.REMOVALS.offset();

    static final int STRIDE = 16;

    /** Where the cells array holds what one operation adds: 1 when exact, the window's weight when sampled. */
    static final int WEIGHT = 0;

    static final int PROBES = 4;
    static final int MIN_CELLS = 16;
    static final int MAX_CELLS = 1024;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final System.Logger LOG = System.getLogger(MapCounters.class.getName());

    private final Counting counting;
    private final int mask;

    /**
     * The cells, null for {@link Counting#OFF}. Cell i lives at {@code [(i + 1) * STRIDE, (i + 2) *
     * STRIDE)}; the first {@value #STRIDE} longs hold, at {@link #WEIGHT}, what one operation adds.
     */
    private final long @Nullable [] cells;

    /**
     * Where an operation counts now, the only field the hot path reads: {@link #cells} for exact
     * counters, for sampled ones while a sampling window is open ({@link WindowTargets}), else
     * null. Volatile so that the JIT neither hoists the read out of a loop nor caches it (on x86
     * and AArch64 a volatile read is a plain load).
     */
    private volatile long @Nullable [] openCells;

    private final AtomicReferenceArray<WeakReference<Thread>> owners;
    private final LongAdder[] fallback = new LongAdder[Slot.values().length];
    private final LongAdder lockWaits = new LongAdder();
    private final LongAdder lockWaitNanos = new LongAdder();

    /**
     * For sampled counters, what the sampler opens and closes: an object of its own, so that
     * {@code openWindow} is not public API; held here, so that it lives as long as the counters.
     */
    private final @Nullable WindowTarget window;

    private MapCounters(Counting counting, int cellCount) {
        if (Integer.bitCount(cellCount) != 1) {
            throw new IllegalArgumentException("cell count must be a power of two: " + cellCount);
        }
        this.counting = counting;
        this.mask = cellCount - 1;
        this.cells = counting == Counting.OFF ? null : new long[(cellCount + 2) * STRIDE];
        if (counting == Counting.EXACT) {
            openCells = weighed(1);
        }
        this.window =
                counting != Counting.SAMPLED
                        ? null
                        : new WindowTarget() {
                            @Override
                            public void openWindow(int weight) {
                                openCells = weighed(weight);
                            }

                            @Override
                            public void closeWindow() {
                                openCells = null;
                            }
                        };
        this.owners = new AtomicReferenceArray<>(cells == null ? 0 : cellCount);
        for (int i = 0; i < fallback.length; i++) {
            fallback[i] = new LongAdder();
        }
    }

    /**
     * New counters that count as {@code counting} says. {@link Counting#SAMPLED} starts the JVM's
     * sampler thread ({@code mapwatch-sampler}) if it does not run yet; should it fail to start,
     * or should {@link WindowTargets#MAX_TARGETS_PROPERTY about as many} sampled counters be live
     * already, the counters count exactly instead (and say so in {@link #counting()}).
     */
    public static MapCounters create(Counting counting) {
        return create(counting, defaultCells());
    }

    static MapCounters create(Counting counting, int cellCount) {
        MapCounters counters = createUnregistered(counting, cellCount);
        if (counters.window != null) {
            WindowTargets.add(counters.window);
        }
        return counters;
    }

    /**
     * Counters whose sampling windows, when {@link Counting#SAMPLED}, the caller opens itself: a
     * map that keeps the {@linkplain #weighed open cells} in a field of its own and registers
     * itself with {@link WindowTargets}. Their {@code record*} methods count nothing.
     */
    static MapCounters createUnregistered(Counting counting) {
        return createUnregistered(counting, defaultCells());
    }

    private static MapCounters createUnregistered(Counting counting, int cellCount) {
        requireNonNull(counting, "counting must not be null");
        if (counting == Counting.SAMPLED && !SamplingWindows.start()) {
            LOG.log(Level.DEBUG, "mapwatch: no sampler thread; counting exactly");
            counting = Counting.EXACT;
        }
        if (counting == Counting.SAMPLED && !WindowTargets.hasRoom()) {
            counting = Counting.EXACT; // WindowTargets says so, once
        }
        return new MapCounters(counting, cellCount);
    }

    private static int defaultCells() {
        int wanted = Math.max(MIN_CELLS, 4 * Runtime.getRuntime().availableProcessors());
        int pow2 = Integer.highestOneBit(wanted - 1) << 1;
        return Math.min(MAX_CELLS, pow2);
    }

    /** How these counters count. */
    public Counting counting() {
        return counting;
    }

    /** Records a lookup that found a value ({@code hit}) or nothing. */
    public void recordLookup(boolean hit) {
        recordLookup(openCells, this, hit);
    }

    /** Records an entry written (inserted or replaced). */
    public void recordPut() {
        recordPut(openCells, this);
    }

    /** Records {@code count} entries removed; nothing when {@code count} is not positive. */
    public void recordRemovals(long count) {
        recordRemovals(openCells, this, count);
    }

    /**
     * {@link #recordLookup(boolean)} for a holder that keeps the open cells in a field of its own
     * ({@link #createUnregistered}): {@code open} is that field's value, null when nothing is
     * counted now. {@code counters} is read on the slow paths only.
     */
    static void recordLookup(long @Nullable [] open, MapCounters counters, boolean hit) {
        if (open != null) {
            add(open, counters, hit ? HITS : MISSES, 1);
        }
    }

    /** {@link #recordPut()} for a holder of its own open cells: see {@link #recordLookup(long[], MapCounters, boolean)}. */
    static void recordPut(long @Nullable [] open, MapCounters counters) {
        if (open != null) {
            add(open, counters, PUTS, 1);
        }
    }

    /** {@link #recordRemovals(long)} for a holder of its own open cells. */
    static void recordRemovals(long @Nullable [] open, MapCounters counters, long count) {
        if (open != null && count > 0) {
            add(open, counters, REMOVALS, count);
        }
    }

    /**
     * The cells, each operation counted into them from now on adding {@code weight}: what a
     * holder publishes as its open cells. Called at construction (exact: 1) and by the sampler
     * thread as it opens a window; the holder's volatile write of the result publishes the weight.
     */
    long[] weighed(int weight) {
        long[] c = cells;
        if (c == null) {
            throw new IllegalStateException("uncounted counters have no cells to weigh");
        }
        CELLS.setOpaque(c, WEIGHT, (long) weight);
        return c;
    }

    /** Lookups that found a value (an estimate when sampled). */
    public long hits() {
        return sum(Slot.HITS);
    }

    /** Lookups that found nothing (an estimate when sampled). */
    public long misses() {
        return sum(Slot.MISSES);
    }

    /** Entries written (an estimate when sampled). */
    public long puts() {
        return sum(Slot.PUTS);
    }

    /** Entries removed (an estimate when sampled). */
    public long removals() {
        return sum(Slot.REMOVALS);
    }

    /** Records a contended lock acquisition that waited {@code nanos}: always exact. */
    void recordLockWait(long nanos) {
        lockWaits.increment();
        lockWaitNanos.add(nanos);
    }

    long lockWaits() {
        return lockWaits.sum();
    }

    long lockWaitNanos() {
        return lockWaitNanos.sum();
    }

    /**
     * Adds {@code n} to the counter at {@code offset} of the calling thread's cell of {@code c}.
     * The fast path reads only the array: the cell mask comes from its length, which the bounds
     * check loads anyway; {@code counters} is for the slow path. This method and the two it calls
     * are each below the JIT's 35-byte limit for inlining a call site however cold (C2's {@code
     * MaxInlineSize}), so that the count inside a sampling window (3 % of operations) is inlined
     * too: a call left in the loop makes the JIT keep the loop's values on the stack around it.
     */
    private static void add(long[] c, MapCounters counters, int offset, long n) {
        int i = ownSlot(c, Thread.currentThread().getId(), offset);
        if (i >= 0) {
            bump(c, i, n * c[WEIGHT]);
            return;
        }
        counters.addSlow(c, offset, n * c[WEIGHT]);
    }

    /** The index of the counter at {@code offset} in the home cell if thread {@code id} owns it, else -1. */
    private static int ownSlot(long[] c, long id, int offset) {
        int base = cellBase(home(id, maskOf(c)));
        return c[base] == id ? base + offset : -1;
    }

    /** A single writer's increment: atomic and eventually visible, no CAS. */
    private static void bump(long[] c, int i, long n) {
        CELLS.setOpaque(c, i, c[i] + n);
    }

    /** The cell mask of cells laid out for {@code cellCount} cells: {@code cellCount - 1}. */
    private static int maskOf(long[] c) {
        return (c.length / STRIDE) - 3;
    }

    /**
     * The home cell: the thread id modulo the cell count. Ids are handed out one after the other,
     * so threads started together (a pool, JMH's workers) get distinct cells as long as there are
     * no more of them than cells. A multiplicative hash here made pairs of consecutive ids share
     * a home (ids 16k + 5 and 16k + 6 with 16 cells), and the second thread of such a pair then
     * took the probing path {@link #addSlow} on every operation.
     */
    private static int home(long id, int mask) {
        return (int) id & mask;
    }

    private static int cellBase(int cell) {
        return (cell + 1) * STRIDE;
    }

    private void addSlow(long[] c, int offset, long n) {
        long id = Thread.currentThread().getId();
        int home = home(id, mask);
        for (int p = 0; p < PROBES; p++) {
            int cell = (home + p) & mask;
            if (c[cellBase(cell)] == id) {
                bump(c, cellBase(cell) + offset, n);
                return;
            }
        }
        for (int p = 0; p < PROBES; p++) {
            int cell = (home + p) & mask;
            if (claim(c, cell, id)) {
                bump(c, cellBase(cell) + offset, n);
                return;
            }
        }
        fallback[offset - 1].add(n);
    }

    private boolean claim(long[] c, int cell, long id) {
        WeakReference<Thread> owner = owners.get(cell);
        if (owner != null) {
            Thread t = owner.get();
            if (t != null && t.isAlive()) {
                return false;
            }
        }
        if (!owners.compareAndSet(cell, owner, new WeakReference<>(Thread.currentThread()))) {
            return false;
        }
        CELLS.setRelease(c, cellBase(cell), id);
        return true;
    }

    /** The current total of one counter. */
    long sum(Slot slot) {
        long total = fallback[slot.ordinal()].sum();
        long[] c = cells;
        if (c != null) {
            for (int cell = 0; cell <= mask; cell++) {
                total += (long) CELLS.getOpaque(c, cellBase(cell) + slot.offset());
            }
        }
        return total;
    }

    /** What the sampler opens and closes, for sampled counters not held by a map; else null. */
    @Nullable WindowTarget window() {
        return window;
    }

    /** The number of cells. */
    int cellCount() {
        return mask + 1;
    }
}
