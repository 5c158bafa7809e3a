package dev.mapwatch.instrument;

import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteLocations;
import dev.mapwatch.maps.Counting;
import java.util.function.ToIntFunction;

/**
 * The site registry of the bootstrap jar, in a class of its own: loaded only once {@link
 * BootstrapJar} has appended the jar, so {@code MapSites} resolves on the bootstrap class path.
 */
final class BootstrapSites implements ToIntFunction<String>, SiteLocator {

    @Override
    public int applyAsInt(String name) {
        return MapSites.register(name);
    }

    @Override
    public void locate(String owner, String method, String descriptor, int line, String site) {
        SiteLocations.register(owner, method, descriptor, line, site);
    }

    int names() {
        return MapSites.names();
    }

    /**
     * Makes every call site count as {@code counting} says; returns how they actually count ({@link
     * Counting#EXACT} when {@code SAMPLED} has no sampler thread). The mode crosses to the bootstrap
     * jar by name: its copy of the maps library is relocated apart from the agent's.
     */
    Counting count(Counting counting) {
        return Counting.valueOf(MapSites.counting(counting.name()));
    }
}
