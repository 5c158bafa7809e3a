package dev.mapwatch.cli.attach;

import dev.mapwatch.agent.AgentOptions;
import dev.mapwatch.agent.InvalidAgentOptionException;
import dev.mapwatch.cli.CommandFailure;
import dev.mapwatch.cli.MapwatchCommand;
import dev.mapwatch.top.TargetConnector;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code mapwatch top <pid>}'s way to the agent: exactly {@code mapwatch attach}'s (same checks of
 * the pid, same exit codes, same JIT warning). An agent already running is found by the endpoint it
 * publishes in the target's system property {@code mapwatch.agent.endpoint} (read through the
 * Attach API; {@code starting} while it starts, waited for), and nothing is loaded then.
 */
public final class AttachConnector implements TargetConnector {

    /** How long to wait for a starting agent to serve. */
    static final int TIMEOUT_SECONDS = 20;

    @Override
    public String connect(long pid, List<String> agentOptions, PrintWriter err) {
        String agentArgs = String.join(",", agentOptions);
        try {
            AgentOptions.parse(agentArgs);
        } catch (InvalidAgentOptionException e) {
            throw new CommandFailure(MapwatchCommand.USAGE, e.getMessage());
        }
        TargetJvm target = TargetJvm.check(pid);
        return AttachCommand.attach(
                        target, AttachCommand.agentJar(), agentArgs, TIMEOUT_SECONDS, err)
                .endpoint();
    }
}
