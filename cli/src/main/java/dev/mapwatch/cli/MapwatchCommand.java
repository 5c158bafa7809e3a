package dev.mapwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar mapwatch-agent.jar <command>}: the mapwatch command line. Subcommands are
 * listed in {@link Subcommands}. Exit codes: {@value #OK} ok, {@value #RUNTIME_FAILURE} runtime
 * failure, {@value #USAGE} usage error; commands document further codes in their own help.
 */
@Command(
        name = "mapwatch",
        mixinStandardHelpOptions = true,
        versionProvider = AgentVersionProvider.class,
        description = {
            "Watch a JVM's concurrent maps, locks, allocation and threads.",
            "As an agent: java -javaagent:mapwatch-agent.jar=port=9464 -jar app.jar"
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  runtime failure (the command could not do its job)",
            "  2  usage error (unknown or malformed option or argument)",
            "Commands may document further codes in their own --help."
        })
public final class MapwatchCommand implements Runnable {

    /** Exit code: success. */
    public static final int OK = 0;

    /** Exit code: the command ran and failed. */
    public static final int RUNTIME_FAILURE = 1;

    /** Exit code: bad option or argument. */
    public static final int USAGE = 2;

    @Spec private CommandSpec spec;

    /** The configured command line, subcommands included; tests and {@link #main} use it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MapwatchCommand());
        for (Object subcommand : Subcommands.all()) {
            commandLine.addSubcommand(subcommand);
        }
        return commandLine
                .setExitCodeExceptionMapper(
                        t -> t instanceof CommandFailure f ? f.exitCode() : RUNTIME_FAILURE)
                .setParameterExceptionHandler(MapwatchCommand::usageError)
                .setExecutionExceptionHandler(
                        (e, cmd, parsed) -> {
                            // Runtime failures: one line, no stack trace.
                            cmd.getErr()
                                    .println(
                                            "mapwatch: "
                                                    + (e.getMessage() == null
                                                            ? e.toString()
                                                            : e.getMessage()));
                            return e instanceof CommandFailure f ? f.exitCode() : RUNTIME_FAILURE;
                        });
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        // "mapwatch" alone: the user has to choose a command.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(
                "mapwatch: "
                        + e.getMessage()
                        + " (see '"
                        + cmd.getCommandSpec().qualifiedName()
                        + " --help')");
        return USAGE;
    }
}
