package dev.mapwatch.bench.instrument;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Application code as {@code maps=} finds it: a {@code merge} on a field declared {@code Map}
 * whose function keeps the old value, so that the plain call allocates nothing once every key is
 * present. {@link CallSiteBenchmark} runs it as compiled and rewritten.
 */
public final class FieldMerge implements Function<Integer, Integer> {

    private static final BiFunction<Integer, Integer, Integer> KEEP = (old, given) -> old;

    private final Map<Integer, Integer> map;

    public FieldMerge(Map<Integer, Integer> map) {
        this.map = map;
    }

    @Override
    public Integer apply(Integer key) {
        return map.merge(key, key, KEEP);
    }
}
