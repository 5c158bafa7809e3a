package dev.mapwatch.bench;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * What a real JVM has done before it reaches a benchmark's map: used every {@link Strategy} in
 * every {@link Counting} mode, and {@code instrument} over a {@link ConcurrentHashMap} and a
 * {@link ConcurrentSkipListMap}, through the library's shared paths ({@code get}, {@code put},
 * {@code putIfAbsent}, {@code computeIfAbsent}, {@code remove}...), until those are compiled.
 *
 * <p>{@link #warm()} calls from this class's own call sites: it pollutes the profiles inside the
 * library, not the benchmark's own call site (which in an application sees the one map class it
 * holds). {@link #warmThroughLookups()} also calls {@code get} through the lambda {@link Lookup}
 * hands the benchmark, as an application's helper shared by maps of several classes would. Keys are {@link Integer}s like the benchmarks', so that the key's {@code
 * hashCode}/{@code equals} calls inside the maps stay as they were: only the strategies change.
 */
final class OtherStrategies {

    /** Operations per map: enough for every path to reach C2 (tier 4) with this profile. */
    private static final int ROUNDS = 60_000;

    private OtherStrategies() {}

    /** Uses every strategy and counting mode; returns a checksum for the caller to consume. */
    static long warm() {
        List<ConcurrentMap<Integer, Integer>> maps = maps();
        Integer[] keys = keys();
        long sum = 0;
        // Interleaved, so that every profile sees every class from its first sample on.
        for (int round = 0; round < ROUNDS; round++) {
            Integer key = keys[round & (keys.length - 1)];
            for (ConcurrentMap<Integer, Integer> map : maps) {
                sum += use(map, key, round);
            }
        }
        return sum;
    }

    /** {@link #warm()}, then {@code get} on each map through {@link Lookup}'s own lambda. */
    static long warmThroughLookups() {
        long sum = warm();
        List<Function<Integer, Integer>> readers = new ArrayList<>();
        for (ConcurrentMap<Integer, Integer> map : maps()) {
            readers.add(Lookup.reader(map));
        }
        Integer[] keys = keys();
        for (int round = 0; round < ROUNDS; round++) {
            for (Function<Integer, Integer> reader : readers) {
                Integer v = reader.apply(keys[round & (keys.length - 1)]);
                sum += v == null ? 0 : v;
            }
        }
        return sum;
    }

    private static List<ConcurrentMap<Integer, Integer>> maps() {
        List<ConcurrentMap<Integer, Integer>> maps = new ArrayList<>();
        for (Counting counting : Counting.values()) {
            for (Strategy strategy : Strategy.values()) {
                maps.add(
                        MapWatch.builder("bench-other-" + strategy + "-" + counting)
                                .strategy(strategy)
                                .counting(counting)
                                .build());
            }
            maps.add(
                    MapWatch.builder("bench-other-chm-" + counting)
                            .counting(counting)
                            .instrument(new ConcurrentHashMap<>()));
            maps.add(
                    MapWatch.builder("bench-other-skiplist-" + counting)
                            .counting(counting)
                            .instrument(new ConcurrentSkipListMap<>()));
        }
        maps.add(new ConcurrentHashMap<>());
        maps.add(new ConcurrentSkipListMap<>());
        return maps;
    }

    private static Integer[] keys() {
        Integer[] keys = new Integer[64];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 1_000_000 + i;
        }
        return keys;
    }

    private static long use(ConcurrentMap<Integer, Integer> map, Integer key, int round) {
        long sum = 0;
        Integer v = map.get(key);
        sum += v == null ? 0 : v;
        if (map.containsKey(key)) {
            sum++;
        }
        sum += map.getOrDefault(key, 0);
        if ((round & 7) == 0) {
            map.put(key, round);
            map.putIfAbsent(key, round);
            sum += map.computeIfAbsent(key, k -> 1);
            if ((round & 31) == 0) {
                map.remove(key);
            }
        }
        return sum;
    }
}
