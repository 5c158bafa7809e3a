package dev.mapwatch.instrument;

import dev.mapwatch.bootstrap.MapSites;
import java.util.function.ToIntFunction;

/**
 * The site registry of the bootstrap jar, in a class of its own: loaded only once {@link
 * BootstrapJar} has appended the jar, so {@code MapSites} resolves on the bootstrap class path.
 */
final class BootstrapSites implements ToIntFunction<String> {

    @Override
    public int applyAsInt(String name) {
        return MapSites.register(name);
    }

    int names() {
        return MapSites.names();
    }
}
