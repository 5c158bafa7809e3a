package dev.mapwatch.workload;

import java.util.concurrent.ConcurrentMap;

/**
 * The keys and values a benchmark uses, all allocated before measuring so that the measured loop
 * allocates nothing but what the map itself allocates.
 *
 * <p>{@code size} keys are present (inserted before measuring) and {@code size} other keys are
 * absent (never left in the map), so a lookup of an absent key is a miss. Keys are distinct
 * {@link Integer} objects (values outside {@code Integer.valueOf}'s cache, so each is its own object), so equality is by {@code
 * equals} as for real keys.
 */
public final class KeySpace {

    /** Keys start here, past {@link Integer}'s cache of small values. */
    private static final int FIRST_KEY = 1 << 20;

    private final Integer[] present;
    private final Integer[] absent;
    private final Integer[] values;

    public KeySpace(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        present = new Integer[size];
        absent = new Integer[size];
        values = new Integer[size];
        for (int i = 0; i < size; i++) {
            present[i] = Integer.valueOf(FIRST_KEY + i);
            absent[i] = Integer.valueOf(FIRST_KEY + size + i);
            values[i] = Integer.valueOf(-FIRST_KEY - i);
        }
    }

    int size() {
        return present.length;
    }

    Integer present(int i) {
        return present[i];
    }

    Integer absent(int i) {
        return absent[i];
    }

    /** The value a present key holds after filling. */
    Integer value(int i) {
        return values[i];
    }

    /**
     * Puts every present key, then reads each twice: a {@code SYNC_MAP} has by then promoted its
     * dirty map to the lock-free read-only map, so measuring starts from the steady state rather
     * than from a map whose every key is still behind the lock.
     */
    public void fill(ConcurrentMap<Integer, Integer> map) {
        for (int i = 0; i < size(); i++) {
            map.put(present[i], values[i]);
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < size(); i++) {
                if (map.get(present[i]) == null) {
                    throw new IllegalStateException(
                            "key " + present[i] + " lost while filling " + map.getClass());
                }
            }
        }
    }
}
