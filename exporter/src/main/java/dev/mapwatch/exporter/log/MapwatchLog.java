package dev.mapwatch.exporter.log;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the exporter says what it degraded or contained: a failing handler, JFR being off, a bound
 * reached. Each call is one fact in one line; {@code cause}, when given, is for whoever wants a
 * stack trace. The default, {@link #systemLogger()}, goes to {@link System.Logger} (so to the
 * application's logging framework); the agent passes its own sink, which prints single
 * {@code mapwatch:} lines on stderr and keeps clear of the host application's logging.
 *
 * <pre>{@code
 * JfrMetrics.builder().log((level, message, cause) -> myLogger.warn("mapwatch: " + message)).build();
 * }</pre>
 */
@FunctionalInterface
public interface MapwatchLog {

    /** How much a message matters. */
    enum Level {
        /** Expected and harmless (e.g. a JDK without virtual-thread events): for diagnosis only. */
        DEBUG,
        /** Worth knowing, nothing is lost. */
        INFO,
        /** Something mapwatch would export is off or was contained. */
        WARNING
    }

    /**
     * Logs one message.
     *
     * @param level   how much it matters
     * @param message one line without a {@code mapwatch:} prefix (sinks add their own)
     * @param cause   the exception behind it, or {@code null}
     */
    void log(Level level, String message, @Nullable Throwable cause);

    /** {@link Level#DEBUG} without a cause. */
    default void debug(String message) {
        log(Level.DEBUG, message, null);
    }

    /** {@link Level#WARNING} without a cause. */
    default void warning(String message) {
        log(Level.WARNING, message, null);
    }

    /** {@link Level#WARNING} with the exception behind it. */
    default void warning(String message, Throwable cause) {
        log(Level.WARNING, message, cause);
    }

    /**
     * The {@link System.Logger} named {@code dev.mapwatch.exporter}, messages prefixed
     * {@code mapwatch: }, levels as named; the cause goes along as the logger's throwable.
     */
    static MapwatchLog systemLogger() {
        return systemLogger(System.getLogger("dev.mapwatch.exporter"));
    }

    /** Messages to {@code logger}, prefixed {@code mapwatch: }. */
    static MapwatchLog systemLogger(System.Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return (level, message, cause) -> {
            System.Logger.Level to =
                    switch (level) {
                        case DEBUG -> System.Logger.Level.DEBUG;
                        case INFO -> System.Logger.Level.INFO;
                        case WARNING -> System.Logger.Level.WARNING;
                    };
            if (cause == null) {
                logger.log(to, "mapwatch: " + message);
            } else {
                logger.log(to, "mapwatch: " + message, cause);
            }
        };
    }

    /**
     * An exception in a few words for a one-line message: {@code SimpleName: message}, with the
     * root cause when there is a different one.
     */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = brief(t);
        return root == t ? text : text + " (caused by " + brief(root) + ")";
    }

    private static String brief(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
