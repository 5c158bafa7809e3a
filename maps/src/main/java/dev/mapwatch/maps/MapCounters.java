package dev.mapwatch.maps;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

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
 *   <li><b>Mode without a flag.</b> Exact counters keep their cells in {@code exactCells}, sampled
 *       ones in {@code sampledCells}; the other field is null, and both are for {@link
 *       Counting#OFF}. An exact operation loads {@code exactCells}, which it needs anyway, and tests
 *       it for null: no mode flag is read (the {@code recordStats} flag of earlier versions was
 *       one more load per operation). A sampled one finds it null and reads the JVM-wide {@link
 *       SamplingGate#gate}: outside a sampling window that load and a branch are all it costs
 *       ({@link SamplingWindows} describes the windows and the estimator). A map keeps its own
 *       copy of {@code exactCells}, so a counted {@code get} loads neither the counters object nor
 *       its fields; the cell mask comes from the array's length, which the bounds check loads
 *       anyway. Lock waits are counted exactly in every mode, in {@code LongAdder}s: they happen
 *       on a slow path.
 * </ul>
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
    static final int PROBES = 4;
    static final int MIN_CELLS = 16;
    static final int MAX_CELLS = 1024;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final System.Logger LOG = System.getLogger(MapCounters.class.getName());

    private final Counting counting;
    private final int mask;
    /** The cells of an exact counter, else null. Cell i lives at {@code [(i + 1) * STRIDE, (i + 2) * STRIDE)}. */
    private final long[] exactCells;
    /** The cells of a sampled counter, else null; laid out as {@link #exactCells}. */
    private final long[] sampledCells;
    private final AtomicReferenceArray<WeakReference<Thread>> owners;
    private final LongAdder[] fallback = new LongAdder[Slot.values().length];
    private final LongAdder lockWaits = new LongAdder();
    private final LongAdder lockWaitNanos = new LongAdder();

    private MapCounters(Counting counting, int cellCount) {
        if (Integer.bitCount(cellCount) != 1) {
            throw new IllegalArgumentException("cell count must be a power of two: " + cellCount);
        }
        this.counting = counting;
        this.mask = cellCount - 1;
        long[] cells = counting == Counting.OFF ? null : new long[(cellCount + 2) * STRIDE];
        this.exactCells = counting == Counting.EXACT ? cells : null;
        this.sampledCells = counting == Counting.SAMPLED ? cells : null;
        this.owners = new AtomicReferenceArray<>(cells == null ? 0 : cellCount);
        for (int i = 0; i < fallback.length; i++) {
            fallback[i] = new LongAdder();
        }
    }

    /**
     * New counters that count as {@code counting} says. {@link Counting#SAMPLED} starts the JVM's
     * sampler thread ({@code mapwatch-sampler}) if it does not run yet; should it fail to start,
     * the counters count exactly instead (and say so in {@link #counting()}).
     */
    public static MapCounters create(Counting counting) {
        return create(counting, defaultCells());
    }

    static MapCounters create(Counting counting, int cellCount) {
        requireNonNull(counting, "counting must not be null");
        if (counting == Counting.SAMPLED && !SamplingWindows.start()) {
            LOG.log(Level.DEBUG, "mapwatch: no sampler thread; counting exactly");
            counting = Counting.EXACT;
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
        recordLookup(exactCells, this, hit);
    }

    /**
     * {@link #recordLookup(boolean)} for a holder that keeps {@code counters.exactCells()} in a
     * field of its own (a map, next to the fields its {@code get} reads anyway): the exact path
     * then loads neither {@code counters} nor any of its fields, and the sampled path only the
     * gate. {@code counters} is read on the slow paths only, where the JIT also places its load.
     */
    static void recordLookup(long[] exactCells, MapCounters counters, boolean hit) {
        if (exactCells != null) {
            add(exactCells, counters, hit ? HITS : MISSES, 1);
        } else {
            int gate = SamplingGate.gate;
            if (gate != 0) {
                counters.addSampled(hit ? HITS : MISSES, 1, gate);
            }
        }
    }

    /** The cells of exact counters, null for the other modes: see {@link #recordLookup(long[], MapCounters, boolean)}. */
    long[] exactCells() {
        return exactCells;
    }

    /** Records an entry written (inserted or replaced). */
    public void recordPut() {
        long[] c = exactCells;
        if (c != null) {
            add(c, this, PUTS, 1);
        } else {
            int gate = SamplingGate.gate;
            if (gate != 0) {
                addSampled(PUTS, 1, gate);
            }
        }
    }

    /** Records {@code count} entries removed; nothing when {@code count} is not positive. */
    public void recordRemovals(long count) {
        if (count <= 0) {
            return;
        }
        long[] c = exactCells;
        if (c != null) {
            add(c, this, REMOVALS, count);
        } else {
            int gate = SamplingGate.gate;
            if (gate != 0) {
                addSampled(REMOVALS, count, gate);
            }
        }
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

    /** Counts {@code n} operations inside a window of weight {@code weight}; null cells mean {@link Counting#OFF}. */
    private void addSampled(int offset, long n, int weight) {
        long[] c = sampledCells;
        if (c != null) {
            add(c, this, offset, n * weight);
        }
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
            bump(c, i, n);
            return;
        }
        counters.addSlow(c, offset, n);
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
        long[] c = exactCells != null ? exactCells : sampledCells;
        if (c != null) {
            for (int cell = 0; cell <= mask; cell++) {
                total += (long) CELLS.getOpaque(c, cellBase(cell) + slot.offset());
            }
        }
        return total;
    }

    /** The number of cells. */
    int cellCount() {
        return mask + 1;
    }
}
