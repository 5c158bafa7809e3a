package dev.mapwatch.bpf;

import dev.mapwatch.bpf.host.HostInspector;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mapwatch bpf}: bpftrace scripts for a JVM (cache misses, off-CPU time, HotSpot thread
 * and monitor probes) and a runner that exports what they see as Prometheus metrics.
 *
 * <p>Exit codes: 0 ok; 1 runtime failure (bpftrace failed); 2 usage error (bad option, unknown
 * script, no such pid, bad interval); 3 a script cannot run here (see {@code bpf check}).
 *
 * <p>Standalone: {@code BpfCommand.commandLine().execute(args)}; the agent adds it as a
 * subcommand of {@code mapwatch}.
 */
@Command(
        name = "bpf",
        mixinStandardHelpOptions = true,
        description =
                "bpftrace scripts for a JVM and a runner that serves what they see as Prometheus metrics.",
        subcommands = {
            ListCommand.class,
            CheckCommand.class,
            RunCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:runtime failure (bpftrace failed)",
            "2:usage error",
            "3:a script cannot run here"
        })
public final class BpfCommand implements Runnable {

    /** Exit code when a script cannot run on this host or against this target. */
    public static final int EXIT_NOT_RUNNABLE = 3;

    private final Supplier<HostInspector> inspector;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The command inspecting this host. */
    public BpfCommand() {
        this(HostInspector::ofThisHost);
    }

    /** The command with another host inspector (tests inject facts such as "no PMU"). */
    public BpfCommand(Supplier<HostInspector> inspector) {
        this.inspector = inspector;
    }

    HostInspector inspector() {
        return inspector.get();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line for {@code bpf} alone, with one-line usage errors. */
    public static CommandLine commandLine(BpfCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    CommandLine c = ex.getCommandLine();
                    c.getErr()
                            .println(
                                    "mapwatch "
                                            + c.getCommandSpec()
                                                    .qualifiedName()
                                                    .replaceFirst("^mapwatch ", "")
                                            + ": "
                                            + ex.getMessage()
                                            + " (see --help)");
                    return c.getCommandSpec().exitCodeOnInvalidInput();
                });
        return cl;
    }

    /** Runs {@code mapwatch bpf} standalone. */
    public static void main(String[] args) {
        System.exit(commandLine(new BpfCommand()).execute(args));
    }
}
