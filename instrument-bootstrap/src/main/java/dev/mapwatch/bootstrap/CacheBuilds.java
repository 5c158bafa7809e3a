package dev.mapwatch.bootstrap;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts the caches that the application builds, by the builder call site ({@code
 * Caffeine.build(...)}, {@code buildAsync(...)}, Guava's {@code CacheBuilder.build(...)}). The
 * agent keeps the application's own call and passes the builder here just before it, and the cache
 * just after it, with the id of the site's {@linkplain MapSites#register name}, which is the field
 * the cache is stored in:
 *
 * <pre>{@code
 * CacheBuilds.building(builder, id);  Cache c = builder.build();  CacheBuilds.built(c, id);
 * }</pre>
 *
 * <p>{@link #building} puts a statistics counter of the agent's into the builder (the library's
 * own extension point, {@code StatsCounter}), which forwards to the application's own one when it
 * asked for {@code recordStats()}: the cache counts exactly what the library's {@code CacheStats}
 * would, once. A builder class the agent cannot hook (an unknown version) is left alone, with one
 * line through the {@linkplain #onUnsupported listener} and a count in {@link #unsupported()}.
 *
 * <p>Cost: a build takes a class-value lookup and a reflective field write; the cache's own
 * operations cost what {@code recordStats()} costs (bench/RESULTS.md section 8).
 */
public final class CacheBuilds {

    private static final LongAdder HOOKED = new LongAdder();
    private static final LongAdder UNSUPPORTED = new LongAdder();
    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();
    private static volatile Consumer<String> listener = line -> {};

    private CacheBuilds() {}

    /** The builder classes whose {@code build*} calls are rewritten, as internal names. */
    public static List<String> builderClasses() {
        return CacheLibraries.HOOKS.keySet().stream().map(n -> n.replace('.', '/')).toList();
    }

    /**
     * The agent's hook classes ({@code dev.mapwatch.caches.*}, class files by binary name) and where
     * to tell about builders it cannot hook; called by the agent before any call site runs.
     */
    public static void install(
            java.util.Map<String, byte[]> hooks, Consumer<String> onUnsupported) {
        CacheLibraries.install(hooks);
        listener = onUnsupported;
    }

    /** Builds hooked so far. */
    public static long hooked() {
        return HOOKED.sum();
    }

    /** Builds left alone because their library could not be hooked. */
    public static long unsupported() {
        return UNSUPPORTED.sum();
    }

    /** {@code builder} is about to build a cache at site {@code site}: make it count there. */
    public static void building(Object builder, int site) {
        try {
            Object hook = CacheLibraries.of(builder);
            if (hook instanceof CacheLibrary library) {
                SiteCounters counters = MapSites.cacheCounters(site, library);
                if (counters != null) {
                    library.install(builder, counters.cache);
                    HOOKED.increment();
                }
            } else {
                unsupported(((CacheLibraries.Unsupported) hook).reason());
            }
        } catch (Throwable e) {
            unsupported(
                    builder.getClass().getName()
                            + " from "
                            + CacheLibraries.origin(builder.getClass())
                            + ": "
                            + e);
        }
    }

    /** Site {@code site} built {@code cache}: remember it for its size. */
    public static void built(Object cache, int site) {
        try {
            SiteCounters counters = MapSites.cacheCountersIfBound(site);
            if (counters != null && cache != null) {
                counters.see(cache);
            }
        } catch (Throwable e) {
            // the application's cache is what matters: a size we cannot track is not worth a
            // failure
        }
    }

    private static void unsupported(String reason) {
        UNSUPPORTED.increment();
        if (TOLD.add(reason)) {
            try {
                listener.accept(
                        "caches built with "
                                + reason
                                + "; they are not counted and run as they are");
            } catch (Throwable ignored) {
                // a listener's failure must not reach the application's build
            }
        }
    }
}
