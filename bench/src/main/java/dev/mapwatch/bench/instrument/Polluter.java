package dev.mapwatch.bench.instrument;

import java.util.Map;

/**
 * Other application code, rewritten like {@link FieldLookup}: its own call sites of every kind that
 * {@link CallSiteBenchmark} measures, run over several map classes before the measurement so that
 * whatever the rewritten sites share (the bootstrap helpers) has seen them all, as in a real JVM.
 */
public final class Polluter implements Runnable {

    private final Map<Integer, Integer> map;

    public Polluter(Map<Integer, Integer> map) {
        this.map = map;
    }

    /** How many calls returned something: keeps every result used. */
    public int found;

    @Override
    public void run() {
        Map<Integer, Integer> m = map;
        int n = 0;
        for (int i = 0; i < 200; i++) {
            Integer key = i & 127;
            n += m.put(key, key) != null ? 1 : 0;
            n += m.get(key) != null ? 1 : 0;
            n += m.get(-1 - key) != null ? 1 : 0;
            n += m.containsKey(key) ? 1 : 0;
            n += m.getOrDefault(key, key) != null ? 1 : 0;
            n += m.putIfAbsent(key, key) != null ? 1 : 0;
            n += m.computeIfAbsent(key, k -> k) != null ? 1 : 0;
            n += m.computeIfPresent(key, (k, v) -> v) != null ? 1 : 0;
            n += m.compute(key, (k, v) -> k) != null ? 1 : 0;
            n += m.merge(key, key, (a, b) -> a) != null ? 1 : 0;
            n += m.replace(key, key) != null ? 1 : 0;
            n += m.remove(-1 - key) != null ? 1 : 0;
        }
        found += n;
    }
}
