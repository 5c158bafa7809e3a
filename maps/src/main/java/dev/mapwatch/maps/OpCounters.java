package dev.mapwatch.maps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-operation counters of one map, cheap enough to leave on.
 *
 * <h2>Why not a {@link LongAdder} per counter</h2>
 *
 * A {@code LongAdder} increment is a CAS on a cell chosen by a per-thread probe, and every counter
 * of a map has its own cells, so a counted {@code get} pays an atomic read-modify-write on a second
 * cache line; measured on two cores that keeps only 0.5 to 0.75 of a raw {@code
 * ConcurrentHashMap.get}. Here a counted operation is a plain load and an opaque store to a line
 * the thread already owns.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Cells owned by one thread.</b> The map holds a power-of-two number of cells in one
 *       {@code long[]}. A cell is {@value #STRIDE} longs (128 bytes: two cache lines, so neither
 *       the line nor the adjacent-line prefetcher is shared with a neighbour cell) and holds the
 *       owning thread's id followed by every counter of this map ({@link Slot}). One operation
 *       therefore touches exactly one cache line of counters, and no other thread writes it.
 *   <li><b>Home cell from the thread's identity.</b> A thread's home index is its {@linkplain
 *       Thread#getId() id} (unique for the life of the JVM, handed out sequentially) modulo the
 *       cell count, so threads started together have distinct homes. The fast path
 *       compares the id stored in the home cell with the caller's id: equal means owned, and the
 *       increment is {@code cells[i] + n} published with {@link VarHandle#setOpaque} (a single
 *       writer needs no CAS; opaque keeps the store atomic and eventually visible to readers).
 *   <li><b>Claiming once by CAS.</b> On a mismatch the thread probes up to {@value #PROBES}
 *       cells: it takes a free one with a CAS on the owner slot ({@link AtomicReferenceArray} of
 *       {@link WeakReference}s to threads, so the map never keeps a thread object alive), then
 *       writes its id into the cell.
 *   <li><b>Taking over a dead owner's cell.</b> A cell whose owner has terminated ({@link
 *       Thread#isAlive()} is false, or the thread object has been collected) may be taken over by
 *       CAS; the new owner continues from the counts already there. Seeing {@code isAlive() ==
 *       false} happens-after every action of the dead thread (JLS 17.4.4), so no count is lost or
 *       torn. A collected thread object means its thread ended long before (it passed a GC
 *       safepoint), which in practice carries the same visibility.
 *   <li><b>Fallback.</b> When every probed cell is owned by a live thread (more busy threads than
 *       cells), the thread adds to a shared {@link LongAdder} per counter: correct, just slower.
 * </ul>
 *
 * <p>{@link #sum(Slot)} adds the cells (opaque reads) and the fallback. In one thread the figures
 * are exact; after the counting threads have been joined (or otherwise synchronised with) no count
 * is lost; while threads run, each counter is some recent value and counters are not mutually
 * atomic.
 *
 * <p>Cost (JMH, {@code bench/RESULTS.md}): on two busy cores an L1-resident {@code
 * ConcurrentHashMap.get} costs 1.6 to 2.6 ns and the counted one 1.5 to 2 ns more, less than half
 * the overhead of a {@code LongAdder}. That is the instructions of finding the cell and the
 * load and store of the counter; neither a plain store, a branch-free slot choice nor spreading
 * a counter over two words (to break the store-to-load chain between consecutive increments)
 * measured any better.
 *
 * <p>The number of cells is the smallest power of two at least four times the available
 * processors, at least {@value #MIN_CELLS} and at most {@value #MAX_CELLS}: about 2 KiB per map on
 * a small machine.
 *
 * <p>Public only for mapwatch's agent, whose call-site helpers count the application's own maps
 * with this same mechanism ({@link #create()}); not part of the maps library's API.
 */
public final class OpCounters {

    /** What is counted: the index of each counter inside a cell (slot 0 holds the owner's id). */
    public enum Slot {
        HITS,
        MISSES,
        PUTS,
        REMOVALS,
        LOCK_WAITS,
        LOCK_WAIT_NANOS;

        int offset() {
            return ordinal() + 1;
        }
    }

    // The slots' offsets as static finals, which the JIT folds: the hot path loads no enum.
    private static final int HITS = Slot.HITS.offset();
    private static final int MISSES = Slot.MISSES.offset();
    private static final int PUTS = Slot.PUTS.offset();
    private static final int REMOVALS = Slot.REMOVALS.offset();
    private static final int LOCK_WAITS = Slot.LOCK_WAITS.offset();
    private static final int LOCK_WAIT_NANOS = Slot.LOCK_WAIT_NANOS.offset();

    static final int STRIDE = 16;
    static final int PROBES = 4;
    static final int MIN_CELLS = 16;
    static final int MAX_CELLS = 1024;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final Slot[] SLOTS = Slot.values();

    private final boolean countOperations;
    private final int mask;
    /** Cell i lives at {@code [(i + 1) * STRIDE, (i + 2) * STRIDE)}; the first and last STRIDE pad. */
    private final long[] cells;
    private final AtomicReferenceArray<WeakReference<Thread>> owners;
    private final LongAdder[] fallback = new LongAdder[SLOTS.length];

    /**
     * @param countOperations false turns off hits, misses, puts and removals ({@code
     *     recordStats(false)}); lock waits are always counted, they happen only on the slow path
     */
    OpCounters(boolean countOperations) {
        this(countOperations, defaultCells());
    }

    OpCounters(boolean countOperations, int cellCount) {
        if (Integer.bitCount(cellCount) != 1) {
            throw new IllegalArgumentException("cell count must be a power of two: " + cellCount);
        }
        this.countOperations = countOperations;
        this.mask = cellCount - 1;
        this.cells = new long[(cellCount + 2) * STRIDE];
        this.owners = new AtomicReferenceArray<>(cellCount);
        for (int i = 0; i < fallback.length; i++) {
            fallback[i] = new LongAdder();
        }
    }

    /** Counters of hits, misses, puts and removals, sized for this machine. */
    public static OpCounters create() {
        return new OpCounters(true);
    }

    private static int defaultCells() {
        int wanted = Math.max(MIN_CELLS, 4 * Runtime.getRuntime().availableProcessors());
        int pow2 = Integer.highestOneBit(wanted - 1) << 1;
        return Math.min(MAX_CELLS, pow2);
    }

    boolean countsOperations() {
        return countOperations;
    }

    /** Counts a lookup that found a value ({@code hit}) or nothing. */
    public void lookup(boolean hit) {
        if (countOperations) {
            add(hit ? HITS : MISSES, 1);
        }
    }

    /** Counts an entry written. */
    public void put() {
        if (countOperations) {
            add(PUTS, 1);
        }
    }

    /** Counts {@code n} entries removed. */
    public void removals(long n) {
        if (countOperations && n > 0) {
            add(REMOVALS, n);
        }
    }

    void lockWait(long nanos) {
        add(LOCK_WAITS, 1);
        add(LOCK_WAIT_NANOS, nanos);
    }

    private void add(int offset, long n) {
        long id = Thread.currentThread().getId();
        int base = cellBase(home(id));
        long[] c = cells;
        if (c[base] == id) {
            int i = base + offset;
            CELLS.setOpaque(c, i, c[i] + n);
        } else {
            addSlow(id, offset, n);
        }
    }

    /**
     * The home cell: the thread id modulo the cell count. Ids are handed out one after the other,
     * so threads started together (a pool, JMH's workers) get distinct cells as long as there are
     * no more of them than cells. A multiplicative hash here made pairs of consecutive ids share
     * a home (ids 16k + 5 and 16k + 6 with 16 cells), and the second thread of such a pair then
     * took the probing path {@link #addSlow} on every operation.
     */
    private int home(long id) {
        return (int) id & mask;
    }

    private static int cellBase(int cell) {
        return (cell + 1) * STRIDE;
    }

    private void addSlow(long id, int offset, long n) {
        int home = home(id);
        long[] c = cells;
        for (int p = 0; p < PROBES; p++) {
            int cell = (home + p) & mask;
            if (c[cellBase(cell)] == id) {
                int i = cellBase(cell) + offset;
                CELLS.setOpaque(c, i, c[i] + n);
                return;
            }
        }
        for (int p = 0; p < PROBES; p++) {
            int cell = (home + p) & mask;
            if (claim(cell, id)) {
                int i = cellBase(cell) + offset;
                CELLS.setOpaque(c, i, c[i] + n);
                return;
            }
        }
        fallback[offset - 1].add(n);
    }

    private boolean claim(int cell, long id) {
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
        CELLS.setRelease(cells, cellBase(cell), id);
        return true;
    }

    /** The current total of one counter. */
    public long sum(Slot slot) {
        long total = fallback[slot.ordinal()].sum();
        for (int cell = 0; cell <= mask; cell++) {
            total += (long) CELLS.getOpaque(cells, cellBase(cell) + slot.offset());
        }
        return total;
    }

    /** The number of cells. */
    int cellCount() {
        return mask + 1;
    }

}
