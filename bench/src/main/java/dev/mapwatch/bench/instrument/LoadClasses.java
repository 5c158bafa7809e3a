package dev.mapwatch.bench.instrument;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * An application with thousands of classes, for {@code bench/maps-startup.sh}: loads (defines,
 * without initializing) every class of the jars named on the command line, which are on its class
 * path, through the application class loader, and prints how many and how long. With {@code
 * --wait} it then waits for a line on stdin (for an attach).
 */
public final class LoadClasses {

    private LoadClasses() {}

    /** With the agent and maps=: what its /health says the transformer took. */
    private static String transformTime() throws Exception {
        String endpoint = System.getProperty("mapwatch.agent.endpoint");
        for (int i = 0; i < 100 && (endpoint == null || endpoint.equals("starting")); i++) {
            if (endpoint == null && i > 0) {
                return "";
            }
            Thread.sleep(100);
            endpoint = System.getProperty("mapwatch.agent.endpoint");
        }
        if (endpoint == null) {
            return "";
        }
        java.net.http.HttpResponse<String> health =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        endpoint.replace("/metrics", "/health")))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher maps =
                java.util.regex.Pattern.compile("\"maps\":(\\{[^}]*})").matcher(health.body());
        return maps.find() ? "; agent: " + maps.group(1) : "";
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int loaded = 0;
        int failed = 0;
        boolean wait = false;
        for (String arg : args) {
            if (arg.equals("--wait")) {
                wait = true;
                continue;
            }
            try (JarFile jar = new JarFile(new File(arg))) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (!name.endsWith(".class")
                            || name.contains("module-info")
                            || name.startsWith("META-INF/")) {
                        continue;
                    }
                    try {
                        Class.forName(
                                name.substring(0, name.length() - 6).replace('/', '.'),
                                false,
                                LoadClasses.class.getClassLoader());
                        loaded++;
                    } catch (LinkageError | ClassNotFoundException missingOptionalDependency) {
                        failed++;
                    }
                }
            }
        }
        System.out.println(
                "loaded "
                        + loaded
                        + " classes ("
                        + failed
                        + " not loadable) in "
                        + (System.nanoTime() - started) / 1_000_000
                        + " ms"
                        + transformTime());
        if (wait) {
            System.out.println("ready");
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
    }
}
