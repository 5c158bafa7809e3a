package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What guava-testlib's suites ({@link GuavaMapSuitesTest}) leave out of the {@code Map} and {@code
 * ConcurrentMap} contract, as {@code ConcurrentHashMap} implements it, over every strategy and an
 * instrumented map: nulls rejected with a {@code NullPointerException} even by queries (Guava
 * also accepts a query that answers false), values compared by {@code equals}, weakly consistent
 * iteration under modification and concurrent writes, atomicity under threads, and long random
 * sequences against {@code HashMap} (which reach SYNC_MAP's promotions and expunged entries).
 * Single-key operations, the compute family, bulk operations, {@code equals}/{@code hashCode}/{@code
 * toString} and the views are Guava's. What each operation counts is in {@link MapStatsTest}.
 */
class MapContractTest {

    private static final int THREADS = 4;

    // ---- nulls ----

    @ContractTest
    void rejectsNullKeysAndValuesLikeConcurrentHashMap(MapFactory factory) {
        WatchedMap<Integer, String> m = factory.create();
        m.put(1, "a");
        List<Runnable> calls =
                List.of(
                        () -> m.get(null),
                        () -> m.getOrDefault(null, "x"),
                        () -> m.containsKey(null),
                        () -> m.containsValue(null),
                        () -> m.put(null, "a"),
                        () -> m.put(2, null),
                        () -> m.putIfAbsent(null, "a"),
                        () -> m.putIfAbsent(2, null),
                        () -> m.remove(null),
                        () -> m.remove(null, "a"),
                        () -> m.replace(null, "a"),
                        () -> m.replace(1, null),
                        () -> m.replace(1, null, "b"),
                        () -> m.replace(1, "a", null),
                        () -> m.computeIfAbsent(null, k -> "a"),
                        () -> m.computeIfAbsent(1, null),
                        () -> m.computeIfPresent(null, (k, v) -> v),
                        () -> m.compute(null, (k, v) -> v),
                        () -> m.merge(null, "a", (a, b) -> a),
                        () -> m.merge(1, null, (a, b) -> a),
                        () -> m.merge(1, "a", null),
                        () -> m.putAll(mapWithNullValue()),
                        () -> m.entrySet().iterator().next().setValue(null));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class);
        }
        assertThatThrownBy(() -> m.replaceAll((k, v) -> null))
                .isInstanceOf(NullPointerException.class);
        assertThat(m.remove(1, null)).isFalse();
        assertThat(m).containsExactly(Map.entry(1, "a"));
    }

    private static Map<Integer, String> mapWithNullValue() {
        Map<Integer, String> m = new HashMap<>();
        m.put(7, null);
        return m;
    }

    // ---- values compared by equals ----

    /**
     * The conditional operations compare values with {@code equals}, not identity (guava-testlib's
     * sample values are the same instances, so its suites do not tell the two apart).
     */
    @ContractTest
    void conditionalOperationsCompareValuesByEquals(MapFactory factory) {
        WatchedMap<Integer, String> m = factory.create();
        m.put(1, "a");
        assertThat(m.replace(1, new String("a"), "c")).isTrue();
        assertThat(m.remove(1, new String("c"))).isTrue();
        assertThat(m).isEmpty();
    }

    // ---- iteration ----

    @ContractTest
    void iterationIsWeaklyConsistentUnderConcurrentModification(MapFactory factory) {
        WatchedMap<Integer, String> m = filled(factory, 100);
        int visited = 0;
        for (Iterator<Map.Entry<Integer, String>> it = m.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, String> e = it.next();
            m.put(1000 + e.getKey(), "added");
            m.remove(e.getKey() + 1);
            visited++;
        }
        assertThat(visited).isPositive();
        // Keys present from start to end of iteration and never removed are all visited.
        WatchedMap<Integer, String> stable = filled(factory, 50);
        Set<Integer> seen = new HashSet<>();
        for (Integer k : stable.keySet()) {
            seen.add(k);
            stable.put(k + 100, "x");
            stable.remove(k + 100);
        }
        assertThat(seen).containsAll(new TreeMap<>(filled(factory, 50)).keySet());
    }

    @ContractTest
    void iterationWhileAnotherThreadWritesNeverThrows(MapFactory factory) throws Exception {
        WatchedMap<Integer, String> m = filled(factory, 64);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread writer =
                new Thread(
                        () -> {
                            started.countDown();
                            for (int i = 0; i < 20_000; i++) {
                                m.put(64 + i % 64, "w");
                                m.remove(64 + (i + 32) % 64);
                            }
                        });
        writer.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        writer.start();
        started.await();
        try {
            while (writer.isAlive()) {
                for (Map.Entry<Integer, String> e : m.entrySet()) {
                    assertThat(e.getKey()).isNotNull();
                    assertThat(e.getValue()).isNotNull();
                }
            }
        } catch (ConcurrentModificationException e) {
            throw new AssertionError("iteration is not weakly consistent", e);
        } finally {
            writer.join();
        }
        assertThat(failure.get()).isNull();
        for (int i = 0; i < 64; i++) {
            assertThat(m.get(i)).isEqualTo("v" + i);
        }
    }

    // ---- atomicity under concurrency ----

    @ContractTest
    void computeIfAbsentCallsItsFunctionOncePerAbsentKey(MapFactory factory) throws Exception {
        WatchedMap<Integer, String> m = factory.create();
        int keys = 50;
        AtomicInteger[] calls = new AtomicInteger[keys];
        for (int i = 0; i < keys; i++) {
            calls[i] = new AtomicInteger();
        }
        List<List<String>> results =
                Concurrently.results(
                        THREADS,
                        t -> {
                            List<String> got = new ArrayList<>();
                            for (int k = 0; k < keys; k++) {
                                int key = k;
                                got.add(
                                        m.computeIfAbsent(
                                                key,
                                                kk -> {
                                                    calls[kk].incrementAndGet();
                                                    return "v"
                                                            + kk
                                                            + "@"
                                                            + Thread.currentThread().getName();
                                                }));
                            }
                            return got;
                        });
        for (int k = 0; k < keys; k++) {
            assertThat(calls[k].get()).as("calls for key %d", k).isEqualTo(1);
            String winner = m.get(k);
            for (List<String> got : results) {
                assertThat(got.get(k)).isEqualTo(winner);
            }
        }
    }

    @ContractTest
    void compoundOperationsAreAtomic(MapFactory factory) throws Exception {
        WatchedMap<Integer, Integer> m = factory.create();
        int perThread = 2_000;
        Concurrently.results(
                THREADS,
                t -> {
                    for (int i = 0; i < perThread; i++) {
                        m.merge(0, 1, Integer::sum);
                        m.compute(1, (k, v) -> v == null ? 1 : v + 1);
                        for (; ; ) {
                            Integer v = m.putIfAbsent(2, 1);
                            if (v == null || m.replace(2, v, v + 1)) {
                                break;
                            }
                        }
                        m.computeIfAbsent(3, k -> 0);
                        m.computeIfPresent(3, (k, v) -> v + 1);
                    }
                    return null;
                });
        int total = THREADS * perThread;
        assertThat(m)
                .containsEntry(0, total)
                .containsEntry(1, total)
                .containsEntry(2, total)
                .containsEntry(3, total);
    }

    @ContractTest
    void removeIfValueMatchesIsAtomic(MapFactory factory) throws Exception {
        WatchedMap<Integer, Integer> m = factory.create();
        int keys = 500;
        for (int k = 0; k < keys; k++) {
            m.put(k, k);
        }
        List<Integer> removedPerThread =
                Concurrently.results(
                        THREADS,
                        t -> {
                            int removed = 0;
                            for (int k = 0; k < keys; k++) {
                                if (m.remove(k, k)) {
                                    removed++;
                                }
                            }
                            return removed;
                        });
        assertThat(removedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(keys);
        assertThat(m).isEmpty();
    }

    // ---- model check against HashMap ----

    @ContractTest
    void randomOperationsAgreeWithHashMap(MapFactory factory) {
        Random random = new Random(42);
        for (int keyRange : new int[] {3, 16, 200}) {
            WatchedMap<Integer, Integer> m = factory.create();
            Map<Integer, Integer> model = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                int k = random.nextInt(keyRange);
                int v = random.nextInt(4);
                String op = OPS[random.nextInt(OPS.length)];
                Object actual = apply(op, m, k, v);
                Object expected = apply(op, model, k, v);
                assertThat(actual)
                        .as("step %d: %s(%d, %d) with range %d", step, op, k, v, keyRange)
                        .isEqualTo(expected);
            }
            assertThat(m).isEqualTo(model);
            assertThat(m.size()).isEqualTo(model.size());
        }
    }

    private static final String[] OPS = {
        "get", "put", "putIfAbsent", "remove", "removeKV", "replace", "replaceKVV", "compute",
                "computeIfAbsent",
        "computeIfPresent", "merge", "containsKey", "size", "iterate", "iteratorRemove", "clear",
                "get", "get",
        "containsKey"
    };

    private static Object apply(String op, Map<Integer, Integer> m, int k, int v) {
        return switch (op) {
            case "get" -> m.get(k);
            case "put" -> m.put(k, v);
            case "putIfAbsent" -> m.putIfAbsent(k, v);
            case "remove" -> m.remove(k);
            case "removeKV" -> m.remove(k, v);
            case "replace" -> m.replace(k, v);
            case "replaceKVV" -> m.replace(k, v, v + 1);
            case "compute" ->
                    m.compute(
                            k,
                            (kk, old) ->
                                    old == null
                                            ? Integer.valueOf(v)
                                            : old + v == 3 ? null : Integer.valueOf(old + v));
            case "computeIfAbsent" ->
                    m.computeIfAbsent(k, kk -> v == 0 ? null : Integer.valueOf(v));
            case "computeIfPresent" ->
                    m.computeIfPresent(k, (kk, old) -> old > 2 ? null : Integer.valueOf(old + 1));
            case "merge" -> m.merge(k, v, (a, b) -> a + b > 4 ? null : Integer.valueOf(a + b));
            case "containsKey" -> m.containsKey(k);
            case "size" -> m.size();
            case "iterate" -> new HashMap<>(m);
            case "iteratorRemove" -> {
                m.keySet().removeIf(key -> key == k);
                yield new HashMap<>(m);
            }
            case "clear" -> {
                if (k == 0 && v == 0) {
                    m.clear();
                }
                yield m.size();
            }
            default -> throw new IllegalArgumentException(op);
        };
    }

    // ---- helpers ----

    private static WatchedMap<Integer, String> filled(MapFactory factory, int n) {
        WatchedMap<Integer, String> m = factory.create();
        for (int i = 0; i < n; i++) {
            m.put(i, "v" + i);
        }
        return m;
    }
}
