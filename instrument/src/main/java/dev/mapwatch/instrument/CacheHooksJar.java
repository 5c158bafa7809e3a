package dev.mapwatch.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The class files of the agent's cache library hooks ({@code dev.mapwatch.caches}, module {@code
 * instrument-caches}), which the agent jar carries as a nested jar ({@value #RESOURCE}): never on
 * the agent's class path, and never relocated, since they must link against the application's own
 * Caffeine or Guava. The bootstrap helpers define them on first use, next to the library.
 */
final class CacheHooksJar {

    /** Where the agent jar carries the hooks. */
    static final String RESOURCE = "/dev/mapwatch/instrument/mapwatch-instrument-caches.jar";

    private CacheHooksJar() {}

    /**
     * The hooks' class files by binary name; empty when this build has none (the instrument
     * module's own tests), and caches are then not counted.
     */
    static Map<String, byte[]> classes() throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (InputStream resource = CacheHooksJar.class.getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                return classes;
            }
            try (JarInputStream jar = new JarInputStream(resource)) {
                for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        String binary = name.substring(0, name.length() - 6).replace('/', '.');
                        classes.put(binary, jar.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
