package dev.mapwatch.workload;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One thread's precomputed sequence of operations: which key, read or write, hit or miss. The
 * measured loop walks it with a cursor ({@link #next()}), so choosing an operation costs two array
 * loads and no random number, and the mix is exact: of {@value #LENGTH} operations exactly {@code
 * readPercent}% are reads and exactly {@code missPercent}% target an absent key (both rounded to
 * whole operations), shuffled independently.
 *
 * <p>Operations:
 *
 * <ul>
 *   <li>{@link #READ}: {@code get(key)}; a miss when the key is absent.
 *   <li>{@link #UPDATE}: {@code put(key, value)} on a present key with a new value object: the
 *       key set does not change.
 *   <li>{@link #CHURN}: {@code put(key, value)} then {@code remove(key)} on an absent key: a new
 *       key arrives and leaves, so the key set (and the miss rate) stays what the plan says. A
 *       write that misses is what makes {@code SYNC_MAP} lock, and {@code SNAPSHOT} copy twice.
 * </ul>
 */
public final class OperationPlan {

    static final byte READ = 0;
    static final byte UPDATE = 1;
    static final byte CHURN = 2;

    /** Operations per thread before the cursor wraps; a power of two. */
    static final int LENGTH = 1 << 12;

    /** Written values count down from here (outside {@code Integer}'s cache). */
    private static final int WRITTEN_VALUES = -(1 << 24);

    private final Integer[] keys = new Integer[LENGTH];
    private final Integer[] values = new Integer[LENGTH];
    private final byte[] ops = new byte[LENGTH];
    private int cursor;

    /**
     * @param seed differs per thread, so threads do not walk the same keys in lockstep
     */
    public OperationPlan(KeySpace keySpace, int readPercent, int missPercent, long seed) {
        checkPercent("readPercent", readPercent);
        checkPercent("missPercent", missPercent);
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] reads = exactShare(readPercent, random);
        boolean[] misses = exactShare(missPercent, random);
        for (int i = 0; i < LENGTH; i++) {
            int k = random.nextInt(keySpace.size());
            keys[i] = misses[i] ? keySpace.absent(k) : keySpace.present(k);
            if (reads[i]) {
                ops[i] = READ;
            } else {
                ops[i] = misses[i] ? CHURN : UPDATE;
                // Its own value object per write, so that a write changes the mapping even for a
                // map that compares values by identity (SNAPSHOT skips a write of the same value).
                values[i] = Integer.valueOf(WRITTEN_VALUES - i);
            }
        }
    }

    private static void checkPercent(String name, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, got " + percent);
        }
    }

    /** Exactly {@code percent}% of {@link #LENGTH} flags set, in random order. */
    private static boolean[] exactShare(int percent, SplittableRandom random) {
        boolean[] flags = new boolean[LENGTH];
        int count = Math.round(LENGTH * percent / 100f);
        for (int i = 0; i < count; i++) {
            flags[i] = true;
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean t = flags[i];
            flags[i] = flags[j];
            flags[j] = t;
        }
        return flags;
    }

    /** Advances the cursor and returns the index of the operation to perform. */
    public int next() {
        int i = cursor;
        cursor = (i + 1) & (LENGTH - 1);
        return i;
    }

    /** The key of operation {@code i}. */
    public Integer key(int i) {
        return keys[i];
    }

    /**
     * Performs the next operation on {@code map} and returns its result, which the caller must
     * consume (a JMH {@code Blackhole}) so that a read cannot be optimised away.
     */
    public @Nullable Integer performNext(ConcurrentMap<Integer, Integer> map) {
        int i = next();
        Integer key = keys[i];
        return switch (ops[i]) {
            case READ -> map.get(key);
            case UPDATE -> map.put(key, values[i]);
            default -> {
                map.put(key, values[i]);
                yield map.remove(key);
            }
        };
    }
}
