package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a call site counts for receivers of one class: the class it saw last and the counters of
 * its name and that class ({@code null}: such receivers are not counted). Immutable, so a racy
 * read sees a whole one, at worst an older one; a monomorphic site finds its counters with one
 * array load and one class compare.
 *
 * @param type     the receiver class this binding is for
 * @param counters the counters of the site's name and that class, or null
 * @param ops      {@code counters.counters}, one load nearer, or null
 */
record Binding(Class<?> type, SiteCounters counters, MapCounters ops) {

    /** Matches no receiver: the slow path binds on first use. */
    static final Binding NONE = new Binding(Void.class, null, null);

    /** A binding for receivers of {@code type} at the site named {@code name}. */
    static Binding of(String name, Class<?> type) {
        if (!counted(type)) {
            return new Binding(type, null, null);
        }
        SiteCounters counters = MapSites.counters(name, strategy(type));
        return new Binding(type, counters, counters.counters);
    }

    /**
     * Concurrent maps count; a {@code HashMap} or {@code TreeMap} never does, and neither does a
     * mapwatch map (relocated or not), which counts itself, nor the {@code asMap()} view of a
     * Caffeine or Guava cache, which its cache counts as the library does ({@link CacheBuilds}).
     */
    static boolean counted(Class<?> type) {
        String name = type.getName();
        return ConcurrentMap.class.isAssignableFrom(type)
                && !name.startsWith("dev.mapwatch.")
                && !name.startsWith("com.github.benmanes.caffeine.cache.")
                && !name.startsWith("com.google.common.cache.");
    }

    /**
     * Whether a mapping function given to a receiver of {@code type} may be a reused wrapper: the
     * JDK's own maps run it on the caller's thread, during the call, and keep no reference to it.
     */
    static boolean reusesFunctions(Class<?> type) {
        return type == ConcurrentHashMap.class || type == ConcurrentSkipListMap.class;
    }

    /** The {@code strategy} label: the class's simple name, or its binary name past the package. */
    static String strategy(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
