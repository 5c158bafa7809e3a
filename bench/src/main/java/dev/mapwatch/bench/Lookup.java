package dev.mapwatch.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.workload.KeySpace;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The ways of reading a key compared by {@link CountingCostBenchmark}: a raw {@link
 * ConcurrentHashMap#get}, mapwatch's counted {@code get} (built and instrumented; exact, sampled
 * and off), and two reference points: a {@link LongAdder} per counter around a raw map, and Caffeine
 * with and without {@code recordStats()}.
 */
public enum Lookup {
    /** {@code ConcurrentHashMap.get}, nothing counted: the baseline. */
    RAW_CHM {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
            keys.fill(map);
            return map::get;
        }
    },
    /**
     * {@code ConcurrentHashMap.get} called through the {@code ConcurrentMap} interface, as the
     * mapwatch lookups below are: the same call shape (a class check of the receiver at the call
     * site), nothing counted.
     */
    RAW_CHM_AS_MAP {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            return filled(keys, new ConcurrentHashMap<Integer, Integer>());
        }
    },
    /** {@code MapWatch.newMap(name, CONCURRENT)}: hits and misses counted. */
    COUNTED_NEW_MAP {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            return filled(
                    keys, MapWatch.<Integer, Integer>newMap("bench-counted", Strategy.CONCURRENT));
        }
    },
    /** {@code MapWatch.instrument(name, new ConcurrentHashMap<>())}: hits and misses counted. */
    COUNTED_INSTRUMENT {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            return filled(
                    keys,
                    MapWatch.instrument(
                            "bench-instrumented", new ConcurrentHashMap<Integer, Integer>()));
        }
    },
    /** {@code MapWatch.builder(name).counting(SAMPLED)}: hits and misses estimated from sampling windows. */
    SAMPLED {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            return filled(
                    keys,
                    MapWatch.builder("bench-sampled")
                            .counting(Counting.SAMPLED)
                            .<Integer, Integer>build());
        }
    },
    /** {@code MapWatch.builder(name).counting(OFF)}: the wrapper without counting. */
    COUNTING_OFF {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            return filled(
                    keys,
                    MapWatch.builder("bench-uncounted")
                            .counting(Counting.OFF)
                            .<Integer, Integer>build());
        }
    },
    /** A raw map plus one {@link LongAdder} increment per lookup (hits or misses). */
    LONG_ADDER {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
            keys.fill(map);
            LongAdder hits = new LongAdder();
            LongAdder misses = new LongAdder();
            return key -> {
                Integer value = map.get(key);
                (value != null ? hits : misses).increment();
                return value;
            };
        }
    },
    /** Caffeine, unbounded, no statistics: {@code getIfPresent}. */
    CAFFEINE {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            Cache<Integer, Integer> cache = Caffeine.newBuilder().build();
            keys.fill(cache.asMap());
            return cache::getIfPresent;
        }
    },
    /** Caffeine, unbounded, {@code recordStats()} (a {@link LongAdder} per counter). */
    CAFFEINE_STATS {
        @Override
        Function<Integer, Integer> create(KeySpace keys) {
            Cache<Integer, Integer> cache = Caffeine.newBuilder().recordStats().build();
            keys.fill(cache.asMap());
            return cache::getIfPresent;
        }
    };

    /** A lookup over a new map filled with {@code keys}' present keys. */
    abstract Function<Integer, Integer> create(KeySpace keys);

    /** {@code map}'s {@code get}, once {@code keys}' present keys are in it. */
    private static Function<Integer, Integer> filled(
            KeySpace keys, ConcurrentMap<Integer, Integer> map) {
        keys.fill(map);
        return reader(map);
    }

    /** {@code map}'s {@code get} as the benchmark calls it: one lambda class, whatever the map. */
    static Function<Integer, Integer> reader(ConcurrentMap<Integer, Integer> map) {
        return map::get;
    }
}
