package dev.mapwatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's own version, from a resource filtered at build time. */
public final class AgentVersion {

    private static final String VERSION = load();

    private AgentVersion() {}

    /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} if the resource is missing. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
