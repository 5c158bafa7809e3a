package dev.mapwatch.bootstrap;

/**
 * What the agent does with one cache library: implemented by the agent's small classes compiled
 * against that library ({@code instrument-caches}), which {@link CacheLibraries} defines in a class
 * loader of their own whose parent is the library's, so that nothing is added to the application's
 * own class loaders and the library is the application's own copy and version.
 */
public interface CacheLibrary {

    /** The {@code strategy} label of its caches: {@code Caffeine}, {@code GuavaCache}. */
    String strategy();

    /**
     * Makes the caches that {@code builder} builds from now on record their statistics into {@code
     * counters} as well, keeping whatever statistics the application asked for itself.
     *
     * @throws Exception when this version of the library cannot be hooked; the builder is unchanged
     */
    void install(Object builder, CacheCounters counters) throws Exception;

    /** The number of entries in {@code cache}, one the library built, as the library estimates it. */
    long size(Object cache);
}
