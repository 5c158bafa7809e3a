package dev.mapwatch.agent.it;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;

/**
 * An application that brings its own Micrometer the way a Spring Boot jar does: its libraries
 * sit in a class loader of their own whose parent is the application class loader, where
 * {@code -javaagent} puts the agent jar, and which is asked first. It prints the version its
 * {@code Meter} class comes from and every {@code META-INF/micrometer-core.properties} it can
 * see, first the one {@code getResource} answers, then runs the {@link Workload} protocol.
 *
 * <p>Arguments: the application's Micrometer jars.
 */
public final class OwnMicrometerApp {

    public static void main(String[] args) throws Exception {
        URL[] jars = new URL[args.length];
        for (int i = 0; i < args.length; i++) {
            jars[i] = Path.of(args[i]).toUri().toURL();
        }
        try (URLClassLoader libraries =
                new URLClassLoader(
                        "app-libraries", jars, OwnMicrometerApp.class.getClassLoader())) {
            Class<?> meter = Class.forName("io.micrometer.core.instrument.Meter", false, libraries);
            System.out.println("Meter " + meter.getPackage().getImplementationVersion());
            String resource = "META-INF/micrometer-core.properties";
            System.out.println(
                    "first " + resource + " " + version(libraries.getResource(resource)));
            for (URL url : Collections.list(libraries.getResources(resource))) {
                System.out.println("found " + resource + " " + version(url));
            }
        }
        Workload.main(new String[0]);
    }

    private static String version(URL properties) throws Exception {
        if (properties == null) {
            return "none";
        }
        Properties p = new Properties();
        try (InputStream in = properties.openStream()) {
            p.load(in);
        }
        return p.getProperty("Implementation-Version");
    }
}
