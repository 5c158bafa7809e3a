package dev.mapwatch.top;

import java.io.PrintWriter;
import java.util.List;

/**
 * How {@code top <pid>} reaches the agent in a JVM: the command line that assembles {@code top}
 * supplies it (the attach machinery lives with the agent, which {@code top} does not depend on).
 */
@FunctionalInterface
public interface TargetConnector {

    /**
     * The {@code /metrics} URL of the agent in JVM {@code pid}: the running agent's, or, when none
     * runs there, that of an agent loaded now with {@code agentOptions} (as {@code mapwatch attach}
     * does, its warnings printed on {@code err}). Failures throw an exception whose message is one
     * line for the user and which the command line maps to its exit code.
     */
    String connect(long pid, List<String> agentOptions, PrintWriter err);
}
