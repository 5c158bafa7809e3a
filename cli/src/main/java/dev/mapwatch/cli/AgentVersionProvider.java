package dev.mapwatch.cli;

import dev.mapwatch.agent.AgentVersion;
import picocli.CommandLine;

/** {@code mapwatch --version}: the agent's version and the JDK running it. */
public final class AgentVersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "mapwatch " + AgentVersion.get(),
            "JDK "
                    + Runtime.version()
                    + " ("
                    + System.getProperty("java.vendor", "unknown vendor")
                    + ")"
        };
    }
}
