package dev.mapwatch.exporter.jfr;

import org.jspecify.annotations.Nullable;

/**
 * Names the map called at a place in the application's code: the agent's rewritten call sites
 * ({@code maps=}) know their class, method and line. Called on the JFR stream's thread, once per
 * event above the lock threshold, so it may take a map look-up, no more.
 */
@FunctionalInterface
public interface MapSiteResolver {

    /**
     * The name of the map called at {@code line} of {@code className.method descriptor} (binary
     * class name with dots), or null when no site is known there or sites of several maps are
     * (then the event is attributed to no map: never to a wrong one).
     */
    @Nullable String mapAt(String className, String method, String descriptor, int line);
}
