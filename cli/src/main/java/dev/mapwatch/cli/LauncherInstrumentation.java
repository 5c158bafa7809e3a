package dev.mapwatch.cli;

import java.lang.instrument.Instrumentation;
import java.util.Optional;

/**
 * The jar's {@code Launcher-Agent-Class}: with {@code java -jar mapwatch-agent.jar <command>} the
 * JVM calls {@link #agentmain} before {@code main}, and this keeps the {@link Instrumentation} for
 * the {@code demo} command, which counts its own plain map as {@code maps=} counts an application's.
 * It starts nothing: the command line is not an agent.
 */
public final class LauncherInstrumentation {

    private static volatile Instrumentation instrumentation;

    private LauncherInstrumentation() {}

    /** Called by the JVM for {@code java -jar}; keeps {@code inst}, nothing else. */
    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The launcher's Instrumentation, when the JVM was started with {@code java -jar}. */
    public static Optional<Instrumentation> get() {
        return Optional.ofNullable(instrumentation);
    }
}
