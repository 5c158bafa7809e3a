package dev.mapwatch.bootstrap;

import java.util.concurrent.ConcurrentMap;

/**
 * One map name as the rewritten call sites pass it (by id), and the counters of the map class it
 * saw last: a one-entry cache keyed by the receiver's class, so a monomorphic site finds its
 * counters with one load and one compare.
 */
final class Site {

    /** An immutable binding of a receiver class to its counters; {@code counters} null: not counted. */
    record Binding(Class<?> type, SiteCounters counters) {}

    private static final Binding NONE = new Binding(Void.class, null);

    final String name;
    /** Plain: a binding is immutable (final fields), so a racy read sees a whole one, at worst an old one. */
    private Binding binding = NONE;

    Site(String name) {
        this.name = name;
    }

    /** The counters for a receiver of class {@code type}, or null when such maps are not counted. */
    SiteCounters counters(Class<?> type) {
        Binding b = binding;
        if (b.type() == type) {
            return b.counters();
        }
        return bind(type);
    }

    private SiteCounters bind(Class<?> type) {
        SiteCounters counters = counted(type) ? MapSites.counters(name, strategy(type)) : null;
        binding = new Binding(type, counters);
        return counters;
    }

    /**
     * Concurrent maps count; a {@code HashMap} or {@code TreeMap} never does, and neither does a
     * mapwatch map (relocated or not), which counts itself.
     */
    static boolean counted(Class<?> type) {
        return ConcurrentMap.class.isAssignableFrom(type) && !type.getName().startsWith("dev.mapwatch.");
    }

    /** The {@code strategy} label: the class's simple name, or its binary name past the package. */
    static String strategy(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
