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

    @Override
    public void run() {
        Map<Integer, Integer> m = map;
        for (int i = 0; i < 200; i++) {
            Integer key = i & 127;
            m.put(key, key);
            m.get(key);
            m.get(-1 - key);
            m.containsKey(key);
            m.getOrDefault(key, key);
            m.putIfAbsent(key, key);
            m.computeIfAbsent(key, k -> k);
            m.computeIfPresent(key, (k, v) -> v);
            m.compute(key, (k, v) -> k);
            m.merge(key, key, (a, b) -> a);
            m.replace(key, key);
            m.remove(-1 - key);
        }
    }
}
