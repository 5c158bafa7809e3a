package dev.mapwatch.agent.maps;

import dev.mapwatch.bootstrap.SiteLocations;
import dev.mapwatch.exporter.jfr.MapSiteResolver;
import org.jspecify.annotations.Nullable;

/**
 * The rewritten call sites' locations ({@link SiteLocations}, on the bootstrap class path) as the
 * exporter's {@link MapSiteResolver}: an ambiguous location names no map. A class of its own so
 * that it resolves {@code SiteLocations} only after the bootstrap jar was appended.
 */
final class SiteLocationsResolver implements MapSiteResolver {

    @Override
    public @Nullable String mapAt(String className, String method, String descriptor, int line) {
        String name = SiteLocations.nameAt(className, method, descriptor, line);
        return SiteLocations.AMBIGUOUS.equals(name) ? null : name;
    }
}
