package dev.mapwatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} and dynamic-attach entry points. Parses the options on the caller's
 * thread (so a bad option is reported before {@code main} runs), then starts the agent on the
 * daemon thread {@code mapwatch-agent-start} and returns at once. Nothing thrown here reaches
 * the host: a bad option is one line on stderr and the agent stays off.
 */
public final class MapwatchAgent {

    private MapwatchAgent() {
    }

    /** {@code -javaagent:mapwatch-agent.jar[=options]}. */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        launch(agentArgs);
    }

    /** {@code -javaagent} without instrumentation (some launchers call this form). */
    public static void premain(String agentArgs) {
        launch(agentArgs);
    }

    /** Dynamic attach ({@code mapwatch attach <pid>}, {@code VirtualMachine.loadAgent}). */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        launch(agentArgs);
    }

    /** Dynamic attach without instrumentation. */
    public static void agentmain(String agentArgs) {
        launch(agentArgs);
    }

    private static void launch(String agentArgs) {
        try {
            AgentOptions options;
            try {
                options = AgentOptions.parse(agentArgs);
            } catch (InvalidAgentOptionException e) {
                AgentLog.line(e.getMessage() + "; agent not started");
                return;
            }
            String running = AgentRuntime.claimMarker();
            if (running != null) {
                AgentLog.line("agent already " + (AgentRuntime.STARTING.equals(running) ? "starting" : "running at " + running)
                        + "; not starting a second one");
                return;
            }
            DaemonThreads.single("mapwatch-agent-start", () -> AgentRuntime.startClaimed(options)).start();
        } catch (Throwable t) {
            System.getProperties().remove(AgentRuntime.ENDPOINT_PROPERTY, AgentRuntime.STARTING);
            AgentLog.failureOnce("launch", "agent not started", t);
        }
    }
}
