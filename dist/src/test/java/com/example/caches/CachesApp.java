package com.example.caches;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * An application that knows nothing of mapwatch, for {@code CachesIT}: every kind of Caffeine and
 * Guava cache, each in a field of its own and beside a twin built the same way with {@code
 * recordStats()}, both given the same known traffic (hits, misses, loads that succeed, throw or
 * return null, a bulk lookup, an {@code asMap()} read, and size-bounded evictions made
 * deterministic by a synchronous executor or a single segment and {@code cleanUp()}). Prints each
 * twin's own statistics as {@code stats <field> <hits> <misses> <loadSuccesses> <loadFailures>
 * <evictions> <size>}, then {@code traffic done}, and stays until its input closes.
 */
public final class CachesApp {

    static final com.github.benmanes.caffeine.cache.Cache<Integer, String> caffeine =
            Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).build();
    static final com.github.benmanes.caffeine.cache.Cache<Integer, String> caffeineTwin =
            Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).recordStats().build();
    static final com.github.benmanes.caffeine.cache.LoadingCache<Integer, String> caffeineLoading =
            Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).build(CachesApp::load);
    static final com.github.benmanes.caffeine.cache.LoadingCache<Integer, String>
            caffeineLoadingTwin =
                    Caffeine.newBuilder()
                            .maximumSize(10)
                            .executor(Runnable::run)
                            .recordStats()
                            .build(CachesApp::load);
    static final AsyncCache<Integer, String> caffeineAsync =
            Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).buildAsync();
    static final AsyncCache<Integer, String> caffeineAsyncTwin =
            Caffeine.newBuilder()
                    .maximumSize(10)
                    .executor(Runnable::run)
                    .recordStats()
                    .buildAsync();
    static final AsyncLoadingCache<Integer, String> caffeineAsyncLoading =
            Caffeine.newBuilder()
                    .maximumSize(10)
                    .executor(Runnable::run)
                    .buildAsync(CachesApp::load);
    static final AsyncLoadingCache<Integer, String> caffeineAsyncLoadingTwin =
            Caffeine.newBuilder()
                    .maximumSize(10)
                    .executor(Runnable::run)
                    .recordStats()
                    .buildAsync(CachesApp::load);
    static final com.google.common.cache.Cache<Integer, String> guava =
            CacheBuilder.newBuilder().concurrencyLevel(1).maximumSize(10).build();
    static final com.google.common.cache.Cache<Integer, String> guavaTwin =
            CacheBuilder.newBuilder().concurrencyLevel(1).maximumSize(10).recordStats().build();
    static final com.google.common.cache.LoadingCache<Integer, String> guavaLoading =
            CacheBuilder.newBuilder()
                    .concurrencyLevel(1)
                    .maximumSize(10)
                    .build(CacheLoader.from(CachesApp::load));
    static final com.google.common.cache.LoadingCache<Integer, String> guavaLoadingTwin =
            CacheBuilder.newBuilder()
                    .concurrencyLevel(1)
                    .maximumSize(10)
                    .recordStats()
                    .build(CacheLoader.from(CachesApp::load));

    private CachesApp() {}

    /** The loader: key 50 throws, key 51 has no value (null), the others load {@code v<key>}. */
    static String load(Integer key) {
        if (key == 50) {
            throw new IllegalStateException("no value for 50");
        }
        return key == 51 ? null : "v" + key;
    }

    /** What the traffic does to one cache, whatever its kind. */
    private interface Ops {
        void load(int key) throws Exception;

        void peek(int key);

        void peekAll(List<Integer> keys);

        ConcurrentMap<Integer, String> asMap();

        void cleanUp();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Ops> caches = new java.util.LinkedHashMap<>();
        for (var c :
                List.of(Map.entry("caffeine", caffeine), Map.entry("caffeineTwin", caffeineTwin))) {
            caches.put(
                    c.getKey(), caffeine(c.getValue(), k -> c.getValue().get(k, CachesApp::load)));
        }
        for (var c :
                List.of(
                        Map.entry("caffeineLoading", caffeineLoading),
                        Map.entry("caffeineLoadingTwin", caffeineLoadingTwin))) {
            caches.put(c.getKey(), caffeine(c.getValue(), k -> c.getValue().get(k)));
        }
        for (var c :
                List.of(
                        Map.entry("caffeineAsync", caffeineAsync),
                        Map.entry("caffeineAsyncTwin", caffeineAsyncTwin))) {
            AsyncCache<Integer, String> async = c.getValue();
            caches.put(c.getKey(), async(async, k -> async.get(k, CachesApp::load).join()));
        }
        for (var c :
                List.of(
                        Map.entry("caffeineAsyncLoading", caffeineAsyncLoading),
                        Map.entry("caffeineAsyncLoadingTwin", caffeineAsyncLoadingTwin))) {
            AsyncLoadingCache<Integer, String> async = c.getValue();
            caches.put(c.getKey(), async(async, k -> async.get(k).join()));
        }
        for (var c : List.of(Map.entry("guava", guava), Map.entry("guavaTwin", guavaTwin))) {
            var cache = c.getValue();
            caches.put(c.getKey(), guava(cache, k -> cache.get(k, () -> load(k))));
        }
        for (var c :
                List.of(
                        Map.entry("guavaLoading", guavaLoading),
                        Map.entry("guavaLoadingTwin", guavaLoadingTwin))) {
            var cache = c.getValue();
            caches.put(c.getKey(), guava(cache, cache::get));
        }
        for (Ops ops : caches.values()) {
            traffic(ops);
        }
        printStats();
        System.out.println("traffic done");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            // stay until the test is done
        }
    }

    /** The same known traffic for every cache. */
    private static void traffic(Ops cache) {
        for (int k = 0; k < 10; k++) {
            loadQuietly(cache, k); // 10 loads
        }
        for (int k = 0; k < 10; k++) {
            cache.peek(k); // present
        }
        for (int k = 100; k < 105; k++) {
            cache.peek(k); // absent
        }
        loadQuietly(cache, 50); // throws
        loadQuietly(cache, 51); // null
        for (int k = 0; k < 5; k++) {
            loadQuietly(cache, k); // present: no load
        }
        cache.peekAll(List.of(0, 1, 2, 200));
        cache.asMap().get(0); // not a lookup in the library's statistics
        for (int k = 20; k < 30; k++) {
            cache.asMap().put(k, "p" + k); // 10 over the maximum: evictions
        }
        cache.cleanUp();
    }

    private static void loadQuietly(Ops cache, int key) {
        try {
            cache.load(key);
        } catch (Exception e) {
            // the loader threw or had no value: a failed load, as the library counts it
        }
    }

    private interface Load {
        Object load(int key) throws Exception;
    }

    private static Ops caffeine(
            com.github.benmanes.caffeine.cache.Cache<Integer, String> cache, Load load) {
        return new Ops() {
            @Override
            public void load(int key) throws Exception {
                load.load(key);
            }

            @Override
            public void peek(int key) {
                cache.getIfPresent(key);
            }

            @Override
            public void peekAll(List<Integer> keys) {
                cache.getAllPresent(keys);
            }

            @Override
            public ConcurrentMap<Integer, String> asMap() {
                return cache.asMap();
            }

            @Override
            public void cleanUp() {
                cache.cleanUp();
            }
        };
    }

    private static Ops async(AsyncCache<Integer, String> cache, Load load) {
        Ops sync = caffeine(cache.synchronous(), load);
        return new Ops() {
            @Override
            public void load(int key) throws Exception {
                load.load(key);
            }

            @Override
            public void peek(int key) {
                cache.getIfPresent(key); // the async lookup, counted as the sync one
            }

            @Override
            public void peekAll(List<Integer> keys) {
                sync.peekAll(keys);
            }

            @Override
            public ConcurrentMap<Integer, String> asMap() {
                return sync.asMap();
            }

            @Override
            public void cleanUp() {
                sync.cleanUp();
            }
        };
    }

    private static Ops guava(com.google.common.cache.Cache<Integer, String> cache, Load load) {
        return new Ops() {
            @Override
            public void load(int key) throws Exception {
                load.load(key);
            }

            @Override
            public void peek(int key) {
                cache.getIfPresent(key);
            }

            @Override
            public void peekAll(List<Integer> keys) {
                cache.getAllPresent(keys);
            }

            @Override
            public ConcurrentMap<Integer, String> asMap() {
                return cache.asMap();
            }

            @Override
            public void cleanUp() {
                cache.cleanUp();
            }
        };
    }

    private static void printStats() {
        stats("caffeineTwin", caffeineTwin.stats(), caffeineTwin.estimatedSize());
        stats(
                "caffeineLoadingTwin",
                caffeineLoadingTwin.stats(),
                caffeineLoadingTwin.estimatedSize());
        stats(
                "caffeineAsyncTwin",
                caffeineAsyncTwin.synchronous().stats(),
                caffeineAsyncTwin.synchronous().estimatedSize());
        stats(
                "caffeineAsyncLoadingTwin",
                caffeineAsyncLoadingTwin.synchronous().stats(),
                caffeineAsyncLoadingTwin.synchronous().estimatedSize());
        guavaStats("guavaTwin", guavaTwin);
        guavaStats("guavaLoadingTwin", guavaLoadingTwin);
        // The uncounted caches' own stats() stay what they were without the agent: empty.
        System.out.println(
                "own stats of caffeine "
                        + caffeine.stats().requestCount()
                        + " guava "
                        + guava.stats().requestCount());
    }

    private static void stats(
            String field, com.github.benmanes.caffeine.cache.stats.CacheStats s, long size) {
        System.out.println(
                "stats "
                        + field
                        + " "
                        + s.hitCount()
                        + " "
                        + s.missCount()
                        + " "
                        + s.loadSuccessCount()
                        + " "
                        + s.loadFailureCount()
                        + " "
                        + s.evictionCount()
                        + " "
                        + size);
    }

    private static void guavaStats(String field, com.google.common.cache.Cache<?, ?> cache) {
        com.google.common.cache.CacheStats s = cache.stats();
        System.out.println(
                "stats "
                        + field
                        + " "
                        + s.hitCount()
                        + " "
                        + s.missCount()
                        + " "
                        + s.loadSuccessCount()
                        + " "
                        + s.loadExceptionCount()
                        + " "
                        + s.evictionCount()
                        + " "
                        + cache.size());
    }
}
