package dev.mapwatch.bench.instrument;

import java.util.Map;
import java.util.function.Function;

/**
 * Application code as {@code maps=} finds it: a {@code get} on a field declared {@code Map}.
 * {@link CallSiteBenchmark} runs this class as compiled and, loaded again, rewritten.
 */
public final class FieldLookup implements Function<Integer, Integer> {

    private final Map<Integer, Integer> map;

    public FieldLookup(Map<Integer, Integer> map) {
        this.map = map;
    }

    @Override
    public Integer apply(Integer key) {
        return map.get(key);
    }
}
