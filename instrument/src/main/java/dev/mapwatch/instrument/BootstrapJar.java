package dev.mapwatch.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the counting helpers ({@code dev.mapwatch.bootstrap}) on the bootstrap class path, once per
 * JVM, so rewritten code in any class loader resolves them, as OpenTelemetry's javaagent does with
 * its bootstrap jar. The jar travels inside the agent jar as a resource ({@value #RESOURCE}) and
 * is copied to a temporary file (owner-only permissions, deleted when the JVM exits) because the
 * JVM appends only files.
 */
final class BootstrapJar {

    /** Where the agent jar carries the bootstrap jar. */
    static final String RESOURCE = "/dev/mapwatch/instrument/mapwatch-instrument-bootstrap.jar";

    /** A class of the bootstrap jar, looked up to tell whether it is already appended. */
    static final String PROBE = "dev.mapwatch.bootstrap.MapSites";

    private BootstrapJar() {}

    /** Appends the jar unless the bootstrap class loader already finds its classes. */
    static void appendOnce(Instrumentation instrumentation) throws IOException {
        if (onBootstrapPath()) {
            return;
        }
        Path file = Files.createTempFile("mapwatch-bootstrap-", ".jar");
        file.toFile().deleteOnExit();
        try (InputStream jar = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (jar == null) {
                throw new IOException("the agent jar lacks " + RESOURCE + " (a broken build?)");
            }
            Files.copy(jar, file, StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
        if (!onBootstrapPath()) {
            throw new IOException(
                    "the bootstrap class loader does not find " + PROBE + " in " + file);
        }
    }

    private static boolean onBootstrapPath() {
        try {
            Class.forName(PROBE, true, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
