package dev.mapwatch.agent;

import dev.mapwatch.exporter.log.MapwatchLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only voice: single lines on stderr prefixed {@code mapwatch:}, never through the
 * host application's logging, so nothing looks like the application failing. Failures are logged
 * once per place (a handler failing a million times prints one line); stack traces and debug
 * lines only when the agent runs with {@code debug=true}.
 */
public final class AgentLog {

    private static final String PREFIX = "mapwatch: ";
    private static final Set<String> ALREADY_REPORTED = ConcurrentHashMap.newKeySet();
    private static volatile boolean debug;

    private AgentLog() {}

    /** Whether stack traces and debug lines are printed (the agent option {@code debug}). */
    static void debug(boolean enabled) {
        debug = enabled;
    }

    /** Prints one line. */
    public static void line(String message) {
        try {
            System.err.println(PREFIX + message);
        } catch (Throwable ignored) {
            // stderr closed or replaced by something broken: nothing sensible left to do.
        }
    }

    /** Prints one line saying what failed and what to do; the cause's stack trace only with {@code debug=true}. */
    public static void failure(String message, Throwable cause) {
        line(message);
        stackTrace(cause);
    }

    /** Prints one line the first time {@code where} fails; later failures there stay silent. */
    public static void failureOnce(String where, String what, Throwable cause) {
        if (ALREADY_REPORTED.add(where)) {
            line(what + ": " + describe(cause) + " (reported once)");
            stackTrace(cause);
        }
    }

    /**
     * The exporter's log routed here: each message one line; {@link MapwatchLog.Level#DEBUG} lines
     * and the causes' stack traces only with {@code debug=true}. The exporter already says each
     * failure once.
     */
    static MapwatchLog exporterLog() {
        return (level, message, cause) -> {
            if (level == MapwatchLog.Level.DEBUG && !debug) {
                return;
            }
            line(message);
            if (cause != null) {
                stackTrace(cause);
            }
        };
    }

    /** {@code SimpleName: message}, the cause chain's root included when it says more. */
    public static String describe(Throwable t) {
        return MapwatchLog.describe(t);
    }

    private static void stackTrace(Throwable cause) {
        if (debug) {
            try {
                cause.printStackTrace();
            } catch (Throwable ignored) {
                // see line()
            }
        }
    }
}
