package dev.mapwatch.agent;

import dev.mapwatch.agent.maps.CountedMaps;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code -javaagent} and dynamic-attach entry points. Parses the options on the caller's
 * thread (so a bad option is reported before {@code main} runs), then starts the agent on the
 * daemon thread {@code mapwatch-agent-start}. Under {@code -javaagent} (unless {@code
 * jfrStart=background}) {@code premain} waits until that thread has the JFR recording running, so
 * everything from the first line of {@code main} is recorded; never longer than {@link
 * #RECORDING_WAIT}, so a JFR that hangs cannot keep the application from starting. Dynamic attach
 * returns at once. Nothing thrown here reaches the host: a bad option is one line on stderr and the
 * agent stays off.
 *
 * <p>Cost: the wait is JFR's initialisation in this JVM, measured in the agent README (section
 * "Start-up cost").
 */
public final class MapwatchAgent {

    /** How long {@code premain} waits for the recording at most; then {@code main} starts regardless. */
    static final Duration RECORDING_WAIT = Duration.ofSeconds(10);

    private MapwatchAgent() {}

    /** {@code -javaagent:mapwatch-agent.jar[=options]}. */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        launch(agentArgs, instrumentation, true);
    }

    /** {@code -javaagent} without instrumentation (some launchers call this form). */
    public static void premain(String agentArgs) {
        launch(agentArgs, null, true);
    }

    /** Dynamic attach ({@code mapwatch attach <pid>}, {@code VirtualMachine.loadAgent}). */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        launch(agentArgs, instrumentation, false);
    }

    /** Dynamic attach without instrumentation. */
    public static void agentmain(String agentArgs) {
        launch(agentArgs, null, false);
    }

    private static void launch(
            String agentArgs, @Nullable Instrumentation instrumentation, boolean beforeMain) {
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
                AgentLog.line(
                        "agent already "
                                + (AgentRuntime.STARTING.equals(running)
                                        ? "starting"
                                        : "running at " + running)
                                + "; not starting a second one");
                return;
            }
            CountedMaps maps = countedMaps(options, instrumentation, !beforeMain);
            boolean recordingFirst = beforeMain && options.jfrStart() == JfrStart.BEFORE_MAIN;
            CountDownLatch recording = new CountDownLatch(1);
            DaemonThreads.single(
                            "mapwatch-agent-start",
                            () ->
                                    AgentRuntime.startClaimed(
                                            options, maps, recordingFirst, recording::countDown))
                    .start();
            if (recordingFirst
                    && !recording.await(RECORDING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                AgentLog.line(
                        "JFR did not start within "
                                + RECORDING_WAIT.toSeconds()
                                + " s; main starts now and"
                                + " the recording when JFR is ready (what happens until then is not recorded)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the launcher's business: main starts
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
    private static @Nullable CountedMaps countedMaps(
            AgentOptions options, @Nullable Instrumentation instrumentation, boolean attached) {
        if (options.maps().isEmpty()) {
            return null;
        }
        if (instrumentation == null) {
            AgentLog.line(
                    "maps="
                            + options.maps()
                            + " needs the JVM's Instrumentation, which this launcher did not"
                            + " pass; the application's maps are not counted");
            return null;
        }
        try {
            return CountedMaps.install(
                    instrumentation, options.maps(), options.mapsCounting(), attached);
        } catch (Throwable t) {
            AgentLog.failureOnce(
                    "instrument",
                    "cannot count the maps of " + options.maps() + "; the agent runs without maps=",
                    t);
            return null;
        }
    }
}
