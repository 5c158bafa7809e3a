package dev.mapwatch.cli.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.mapwatch.agent.AgentLog;
import dev.mapwatch.agent.AgentOptions;
import dev.mapwatch.agent.AgentRuntime;
import dev.mapwatch.agent.InvalidAgentOptionException;
import dev.mapwatch.cli.CommandFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mapwatch attach <pid> [options]}: loads the agent into a running JVM, prints its endpoint. */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        versionProvider = dev.mapwatch.cli.AgentVersionProvider.class,
        description = {
            "Load the mapwatch agent into a running JVM (Attach API) and print the endpoint it serves.",
            "If the agent already runs there, print its endpoint and load nothing: the running agent keeps"
                    + " its options (maps and mapsCounting included).",
            "JDK 21+ targets print a warning about dynamically loaded agents unless started with"
                    + " -XX:+EnableDynamicAgentLoading.",
            "Targets before JDK 23 that have not run JFR yet discard most of their compiled code when the"
                    + " agent starts JFR: one line on stderr says so before attaching (see the agent README)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:attached, or already running",
            " 1:the agent did not start in the target (e.g. its port is in use: see the target's stderr)",
            " 2:usage error (bad pid or agent option)",
            " 3:no such process",
            " 4:the process is not a JVM",
            " 5:the JVM runs as another user",
            " 6:the JVM refused the attach (-XX:+DisableAttachMechanism, or not responding)"
        })
public final class AttachCommand implements Callable<Integer> {

    static final int NO_SUCH_PROCESS = 3;
    static final int NOT_A_JVM = 4;
    static final int OTHER_USER = 5;
    static final int REFUSED = 6;

    /** How output is printed. */
    public enum Format {
        text,
        json
    }

    @Parameters(index = "0", paramLabel = "<pid>", description = "Process id of the JVM.")
    private String pid;

    @Parameters(
            index = "1..*",
            paramLabel = "<option>",
            description =
                    "Agent options as key=value (port, host, token, user, password, lockThreshold, topN, maps,"
                            + " mapsCounting, debug, config), separately or comma-separated. Default: port=9464 on 127.0.0.1.")
    private List<String> options = List.of();

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(
            names = "--timeout",
            defaultValue = "20",
            paramLabel = "<seconds>",
            description = "How long to wait for the agent to serve (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        long target = parsePid();
        String agentArgs = String.join(",", options);
        try {
            AgentOptions.parse(agentArgs);
        } catch (InvalidAgentOptionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path jar = agentJar();
        AttachResult result =
                attach(
                        TargetJvm.check(target),
                        jar,
                        agentArgs,
                        timeoutSeconds,
                        spec.commandLine().getErr());
        spec.commandLine()
                .getOut()
                .println(format == Format.json ? result.toJson() : result.toText());
        return 0;
    }

    /**
     * Attaches to {@code target} (checked) unless the agent runs there already, and waits up to
     * {@code timeoutSeconds} for it to serve; the JIT warning goes to {@code err}.
     *
     * @throws CommandFailure with this command's exit codes
     */
    static AttachResult attach(
            TargetJvm target, Path jar, String agentArgs, int timeoutSeconds, PrintWriter err) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(target.pid()));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CommandFailure(
                    REFUSED,
                    "JVM "
                            + target.pid()
                            + " refused the attach ("
                            + AgentLog.describe(e)
                            + "); it may run with -XX:+DisableAttachMechanism");
        }
        try {
            String running = endpoint(vm);
            if (running != null && !AgentRuntime.STARTING.equals(running)) {
                return new AttachResult(target.pid(), running, true);
            }
            JitDipWarning.forTarget(vm.getSystemProperties())
                    .ifPresent(
                            line -> {
                                err.println(line);
                                err.flush();
                            });
            vm.loadAgent(jar.toString(), agentArgs);
            return new AttachResult(
                    target.pid(), awaitEndpoint(vm, target.pid(), timeoutSeconds), false);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new CommandFailure(
                    1,
                    "loading the agent into JVM "
                            + target.pid()
                            + " failed: "
                            + AgentLog.describe(e));
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target went away; nothing to clean up on our side
            }
        }
    }

    private static String awaitEndpoint(VirtualMachine vm, long pid, int timeoutSeconds)
            throws IOException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            String endpoint = endpoint(vm);
            if (endpoint == null) {
                throw new CommandFailure(
                        1,
                        "the agent did not start in JVM "
                                + pid
                                + "; its stderr says why (for example: port in use)");
            }
            if (!AgentRuntime.STARTING.equals(endpoint)) {
                return endpoint;
            }
            if (System.nanoTime() > deadline) {
                throw new CommandFailure(
                        1,
                        "the agent in JVM "
                                + pid
                                + " did not serve within "
                                + timeoutSeconds
                                + " s");
            }
            try {
                Thread.sleep(50); // polling the target's properties, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure(1, "interrupted");
            }
        }
    }

    private static String endpoint(VirtualMachine vm) throws IOException {
        return vm.getSystemProperties().getProperty(AgentRuntime.ENDPOINT_PROPERTY);
    }

    private long parsePid() {
        try {
            long parsed = Long.parseLong(pid);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(), "<pid> must be a process id, got '" + pid + "'");
    }

    static Path agentJar() {
        try {
            Path self =
                    Path.of(
                            AttachCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return self;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // reported below
        }
        throw new CommandFailure(
                1,
                "attach must run from mapwatch-agent.jar (java -jar mapwatch-agent.jar attach <pid>)");
    }
}
