package dev.mapwatch.agent;

import dev.mapwatch.instrument.MapsSelection;
import dev.mapwatch.maps.Counting;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Parses {@code key=value,key=value} agent arguments (and the same keys from a properties file
 * named by {@code config=}) into {@link AgentOptions}. Options given inline win over the file.
 * Shared by {@code -javaagent}, dynamic attach and {@code mapwatch attach}.
 */
public final class AgentOptionsParser {

    /** Every key the agent understands, in the order the error message lists them. */
    public static final List<String> KEYS =
            List.of(
                    "port",
                    "host",
                    "token",
                    "user",
                    "password",
                    "lockThreshold",
                    "topN",
                    "debug",
                    "jfrStart",
                    "maps",
                    "mapsCounting",
                    "config");

    private AgentOptionsParser() {}

    /**
     * Parses agent arguments; {@code null} or blank means the defaults.
     *
     * @throws InvalidAgentOptionException naming the first bad option and what is allowed
     */
    public static AgentOptions parse(String agentArgs) {
        Map<String, String> inline = split(agentArgs == null ? "" : agentArgs.trim());
        Map<String, String> values = new LinkedHashMap<>();
        String config = inline.remove("config");
        if (config != null) {
            values.putAll(readConfig(config));
        }
        values.putAll(inline);
        return toOptions(values);
    }

    private static Map<String, String> split(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        // One trailing comma is forgiven: scripts that build the string often leave one.
        String pairs = args.endsWith(",") ? args.substring(0, args.length() - 1).trim() : args;
        if (pairs.isEmpty()) {
            return values;
        }
        for (String pair : pairs.split(",", -1)) {
            String item = pair.trim();
            if (item.isEmpty()) {
                throw invalid(
                        "empty option in '"
                                + args.replaceAll("(token|password)=[^,]*", "$1=***")
                                + "' (write key=value pairs separated by single commas)");
            }
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim();
            checkKnown(key);
            if (eq < 0) {
                throw invalid("option '" + key + "' needs a value (" + key + "=...)");
            }
            if (values.put(key, item.substring(eq + 1).trim()) != null) {
                throw invalid("option '" + key + "' is given twice");
            }
        }
        return values;
    }

    private static Map<String, String> readConfig(String file) {
        if (file.isEmpty()) {
            throw invalid(
                    "option 'config' needs a file name (config=/path/to/mapwatch.properties)");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw invalid(
                    "config file '"
                            + file
                            + "' does not exist (config= names a properties file with the"
                            + " options; absolute paths are safest)");
        } catch (IOException | RuntimeException e) {
            throw invalid(
                    "cannot read config file '"
                            + file
                            + "' ("
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            checkKnown(key);
            if (key.equals("config")) {
                throw invalid(
                        "option 'config' is not allowed inside the config file '" + file + "'");
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }

    private static AgentOptions toOptions(Map<String, String> values) {
        AgentOptions defaults = AgentOptions.defaults();
        int port =
                values.containsKey("port")
                        ? integer("port", values.get("port"), 0, 65_535, "0 picks a free port")
                        : defaults.port();
        String host = values.getOrDefault("host", defaults.host());
        if (host.isEmpty()) {
            throw invalid("option 'host' needs a bind address, for example host=0.0.0.0");
        }
        Optional<String> token = secret(values, "token");
        Optional<String> user = secret(values, "user");
        Optional<String> password = secret(values, "password");
        if (user.isPresent() != password.isPresent()) {
            throw invalid("options 'user' and 'password' go together (basic authentication)");
        }
        if (token.isPresent() && user.isPresent()) {
            throw invalid(
                    "options 'token' and 'user'/'password' exclude each other (bearer or basic)");
        }
        Duration lockThreshold =
                values.containsKey("lockThreshold")
                        ? duration("lockThreshold", values.get("lockThreshold"))
                        : defaults.lockThreshold();
        int topN =
                values.containsKey("topN")
                        ? integer(
                                "topN",
                                values.get("topN"),
                                1,
                                10_000,
                                "class names with their own series")
                        : defaults.topN();
        boolean debug = values.containsKey("debug") && bool("debug", values.get("debug"));
        JfrStart jfrStart = choice(values, "jfrStart", JfrStart.class, defaults.jfrStart());
        MapsSelection maps =
                values.containsKey("maps") ? maps(values.get("maps")) : MapsSelection.none();
        Counting mapsCounting =
                choice(values, "mapsCounting", Counting.class, defaults.mapsCounting());
        return new AgentOptions(
                port,
                host,
                token,
                user,
                password,
                lockThreshold,
                topN,
                debug,
                jfrStart,
                maps,
                mapsCounting);
    }

    /** The constant {@code key} names ({@link EnumOptionValues}), or {@code fallback} when it is not given. */
    private static <E extends Enum<E>> E choice(
            Map<String, String> values, String key, Class<E> type, E fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return EnumOptionValues.parse(type, value)
                .orElseThrow(
                        () ->
                                invalid(
                                        "option '"
                                                + key
                                                + "' must be one of "
                                                + EnumOptionValues.allowed(type)
                                                + ", got '"
                                                + value
                                                + "'"));
    }

    private static MapsSelection maps(String value) {
        try {
            return MapsSelection.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("option 'maps': " + e.getMessage());
        }
    }

    private static Optional<String> secret(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw invalid("option '" + key + "' is empty");
        }
        return Optional.of(value);
    }

    private static int integer(String key, String value, int min, int max, String hint) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw invalid(
                "option '"
                        + key
                        + "' must be an integer from "
                        + min
                        + " to "
                        + max
                        + " ("
                        + hint
                        + "), got '"
                        + value
                        + "'");
    }

    private static boolean bool(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid("option '" + key + "' must be true or false, got '" + value + "'");
    }

    private static Duration duration(String key, String value) {
        return Durations.parse(value)
                .orElseThrow(
                        () ->
                                invalid(
                                        "option '"
                                                + key
                                                + "' must be a duration with a unit ("
                                                + Durations.UNITS
                                                + "), for example "
                                                + key
                                                + "=10ms, got '"
                                                + value
                                                + "'"));
    }

    private static void checkKnown(String key) {
        if (!KEYS.contains(key)) {
            throw invalid(
                    "unknown option '" + key + "' (allowed: " + String.join(", ", KEYS) + ")");
        }
    }

    private static InvalidAgentOptionException invalid(String message) {
        return new InvalidAgentOptionException(message);
    }
}
