package dev.mapwatch.report;

import java.io.BufferedWriter;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwatch report}: incident triage from a JFR recording. Standalone use (and tests):
 * {@code new CommandLine(new ReportCommand()).execute(args)}, with
 * {@link CommandLine#setOut}/{@link CommandLine#setErr} for the streams.
 */
@Command(
        name = "report",
        sortOptions = false,
        description = {
            "Triage an incident from a JFR recording, with or without the mapwatch agent",
            "(jcmd <pid> JFR.dump filename=rec.jfr, or java -XX:StartFlightRecording):",
            "lock contention and allocation by class and site, thread churn, pinned",
            "virtual threads and, for mapwatch maps, their health and strategy advice.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written",
            "1:unexpected failure",
            "2:usage error (bad option or argument)",
            "3:the input is not a readable JFR recording (missing, empty, truncated, corrupt, a directory)",
            "4:the output file cannot be written",
        })
public final class ReportCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNREADABLE_INPUT = 3;
    public static final int EXIT_UNWRITABLE_OUTPUT = 4;

    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING", description = "The JFR file to read.")
    private Path recording;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = FormatConverter.class,
            description =
                    "text (aligned tables), json (stable field names) or html (one self-contained page"
                            + " with charts). Default: ${DEFAULT-VALUE}.")
    private ReportFormat format;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "10",
            description =
                    "Entries per ranking (classes, sites, thread names). Default: ${DEFAULT-VALUE}.")
    private int top;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    private Path output;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    private final BooleanSupplier onTerminal;

    /** The command as the CLI runs it: progress on stderr when a terminal is attached. */
    public ReportCommand() {
        this(ReportCommand::onTerminal);
    }

    ReportCommand(BooleanSupplier onTerminal) {
        this.onTerminal = onTerminal;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--top': " + top + " (must be at least 1)");
        }
        Report report;
        try {
            Function<RecordingSpan, Progress> progress =
                    onTerminal.getAsBoolean()
                            ? span ->
                                    Progress.onTerminal(
                                            err, recording.toString(), span, System::nanoTime)
                            : span -> Progress.none();
            report = RecordingAnalyzer.withTop(top).analyze(recording, progress);
        } catch (UnreadableRecordingException e) {
            err.println(
                    "mapwatch report: "
                            + recording
                            + ": not a JFR recording ("
                            + e.getMessage()
                            + "); take one with: jcmd <pid> JFR.dump filename=<file>.jfr");
            err.flush();
            return EXIT_UNREADABLE_INPUT;
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            format.renderer().render(report, out);
            out.flush();
            return EXIT_OK;
        }
        try (BufferedWriter file = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(file)) {
            format.renderer().render(report, out);
            if (out.checkError()) {
                throw new IOException("write failed");
            }
        } catch (IOException e) {
            err.println("mapwatch report: cannot write " + output + " (" + e.getMessage() + ")");
            err.flush();
            return EXIT_UNWRITABLE_OUTPUT;
        }
        return EXIT_OK;
    }

    /**
     * Whether a person watches: a console exists and, from JDK 22 (where {@link System#console()}
     * also answers when the output is redirected), {@code Console.isTerminal()} says so.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Accepts the format names in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not one of text, json, html");
            }
        }
    }
}
