package dev.mapwatch.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only voice: single lines on stderr prefixed {@code mapwatch:}. Failures are logged
 * once per place (a handler failing a million times prints one line), never with a stack trace
 * unless {@code -Dmapwatch.agent.debug=true} asks for it.
 */
public final class AgentLog {

    private static final String PREFIX = "mapwatch: ";
    private static final Set<String> ALREADY_REPORTED = ConcurrentHashMap.newKeySet();

    private AgentLog() {
    }

    /** Prints one line. */
    public static void line(String message) {
        try {
            System.err.println(PREFIX + message);
        } catch (Throwable ignored) {
            // stderr closed or replaced by something broken: nothing sensible left to do.
        }
    }

    /** Prints one line the first time {@code where} fails; later failures there stay silent. */
    public static void failureOnce(String where, String what, Throwable cause) {
        if (!ALREADY_REPORTED.add(where)) {
            return;
        }
        line(what + ": " + describe(cause) + " (reported once)");
        if (Boolean.getBoolean("mapwatch.agent.debug")) {
            try {
                cause.printStackTrace();
            } catch (Throwable ignored) {
                // see line()
            }
        }
    }

    /** {@code SimpleName: message}, the cause chain's root included when it says more. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (root != t) {
            text += " (caused by " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return text;
    }
}
