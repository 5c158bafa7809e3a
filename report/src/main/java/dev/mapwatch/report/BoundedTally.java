package dev.mapwatch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and weighs events by a key (a class or a site) in bounded memory: at most
 * {@code capacity} keys are tracked; when a new key would exceed that, the lighter half is folded
 * into {@value #OTHER}. A key that is heavy overall but arrives late after many distinct keys can
 * so lose part of its weight to {@value #OTHER}; recordings rarely have more distinct lock classes
 * or allocation sites than the default capacity, so in practice the ranking is exact.
 */
final class BoundedTally {
    /** Name of the bucket that holds what is not ranked. */
    static final String OTHER = "other";

    /** Default number of distinct keys kept. */
    static final int DEFAULT_CAPACITY = 10_000;

    private static final class Cell {
        long count;
        long total;
        long max;

        void add(long count, long total, long max) {
            this.count += count;
            this.total += total;
            this.max = Math.max(this.max, max);
        }
    }

    private final int capacity;
    private final Map<String, Cell> cells = new HashMap<>();
    private final Cell folded = new Cell();
    private long count;
    private long total;

    BoundedTally() {
        this(DEFAULT_CAPACITY);
    }

    BoundedTally(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records one event of {@code weight} under {@code key}. */
    void add(String key, long weight) {
        add(key, 1, weight, weight);
    }

    /** Records {@code count} events weighing {@code total} together under {@code key}, the heaviest {@code max}. */
    void add(String key, long count, long total, long max) {
        this.count += count;
        this.total += total;
        Cell cell = cells.get(key);
        if (cell == null) {
            if (cells.size() >= capacity) {
                foldLighterHalf();
            }
            cell = new Cell();
            cells.put(key, cell);
        }
        cell.add(count, total, max);
    }

    private void foldLighterHalf() {
        List<Map.Entry<String, Cell>> entries = new ArrayList<>(cells.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().total));
        for (Map.Entry<String, Cell> e : entries.subList(0, entries.size() / 2)) {
            folded.add(e.getValue().count, e.getValue().total, e.getValue().max);
            cells.remove(e.getKey());
        }
    }

    /** The {@code n} heaviest keys (ties broken by name), everything else in "other". */
    Ranking top(int n) {
        List<Tally> all = new ArrayList<>(cells.size());
        cells.forEach((key, c) -> all.add(new Tally(key, c.count, c.total, c.max)));
        all.sort(Comparator.comparingLong(Tally::total).reversed().thenComparing(Tally::name));
        List<Tally> top = all.subList(0, Math.min(n, all.size()));
        Cell rest = new Cell();
        rest.add(folded.count, folded.total, folded.max);
        for (Tally t : all.subList(top.size(), all.size())) {
            rest.add(t.count(), t.total(), t.max());
        }
        return new Ranking(top, new Tally(OTHER, rest.count, rest.total, rest.max), count, total);
    }
}
