package dev.mapwatch.agent;

import dev.mapwatch.agent.maps.CountedMaps;
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
        launch(agentArgs, instrumentation, false);
    }

    /** {@code -javaagent} without instrumentation (some launchers call this form). */
    public static void premain(String agentArgs) {
        launch(agentArgs, null, false);
    }

    /** Dynamic attach ({@code mapwatch attach <pid>}, {@code VirtualMachine.loadAgent}). */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        launch(agentArgs, instrumentation, true);
    }

    /** Dynamic attach without instrumentation. */
    public static void agentmain(String agentArgs) {
        launch(agentArgs, null, true);
    }

    private static void launch(String agentArgs, Instrumentation instrumentation, boolean attached) {
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
            CountedMaps maps = countedMaps(options, instrumentation, attached);
            DaemonThreads.single("mapwatch-agent-start", () -> AgentRuntime.startClaimed(options, maps)).start();
        } catch (Throwable t) {
            System.getProperties().remove(AgentRuntime.ENDPOINT_PROPERTY, AgentRuntime.STARTING);
            AgentLog.failureOnce("launch", "agent not started", t);
        }
    }

    /**
     * With {@code maps=}, the transformer, installed here on the caller's thread so that no class
     * of those packages loads before it; null without, or when it cannot be (said once: the agent
     * then runs without counting the application's maps).
     */
    private static CountedMaps countedMaps(AgentOptions options, Instrumentation instrumentation, boolean attached) {
        if (options.maps().isEmpty()) {
            return null;
        }
        if (instrumentation == null) {
            AgentLog.line("maps=" + options.maps() + " needs the JVM's Instrumentation, which this launcher did not"
                    + " pass; the application's maps are not counted");
            return null;
        }
        try {
            return CountedMaps.install(instrumentation, options.maps(), attached);
        } catch (Throwable t) {
            AgentLog.failureOnce("instrument", "cannot count the maps of " + options.maps()
                    + "; the agent runs without maps=", t);
            return null;
        }
    }
}
