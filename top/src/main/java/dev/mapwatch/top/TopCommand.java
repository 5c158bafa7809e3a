package dev.mapwatch.top;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwatch top <pid|url> [agent options]}: the live view. Registered by the command line
 * with the {@link TargetConnector} that reaches a pid's agent ({@link #withConnector}).
 */
@Command(
        name = "top",
        description = {
            "A live view of a running JVM's maps, contended locks, threads and allocation, from its mapwatch agent.",
            "<pid>: connects to the agent running in that JVM, or attaches one with the agent options (as attach"
                    + " does: same warnings; the agent keeps serving when top exits).",
            "<url>: reads a running agent's endpoint (http://host:port), e.g. through an SSH tunnel.",
            "Credentials as the agent options give them: token=<token>, or user=<user> password=<password>.",
            "Keys: q quit, s or arrows sort, / filter maps, p pause, ? help; Ctrl-C also quits.",
            "Not on a terminal, or with --once, it prints plain text frames."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:quit with q or Ctrl-C; --once printed its frame",
            " 1:runtime failure (e.g. the agent did not start in the target: see its stderr)",
            " 2:usage error (bad argument or option)",
            " 3:no such process",
            " 4:the process is not a JVM",
            " 5:the JVM runs as another user",
            " 6:the JVM refused the attach",
            " 7:the endpoint does not answer, or not as a mapwatch agent",
            " 8:the endpoint asks for credentials, or refused them (HTTP 401/403)",
            " 9:the terminal is smaller than 80x24 (use a larger one, or --once)"
        })
public final class TopCommand implements Callable<Integer> {

    /** Exit code: the terminal is too small. */
    public static final int TOO_SMALL = 9;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(200);

    /** How {@code --once} prints. */
    public enum Format {
        text,
        json
    }

    @Parameters(
            index = "0",
            paramLabel = "<pid|url>",
            description = "Process id of the JVM, or the agent's URL.")
    private String target;

    @Parameters(
            index = "1..*",
            paramLabel = "<option>",
            description =
                    "Agent options as key=value, as for attach (used when the agent is not running yet;"
                            + " token, user, password also authenticate top's requests).")
    private List<String> options = List.of();

    @Option(
            names = "--interval",
            defaultValue = "1s",
            paramLabel = "<duration>",
            description =
                    "Time between refreshes, the span of the rates: 1s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--once", description = "Print one frame (rates over one interval) and exit.")
    private boolean once;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "<format>",
            description = "With --once: text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(
            names = "--no-color",
            description = "No colours on the terminal (bold and inverse stay).")
    private boolean noColor;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    @Spec private CommandSpec spec;

    private final TargetConnector connector;

    private TopCommand(TargetConnector connector) {
        this.connector = connector;
    }

    /** The command, reaching the agent of a pid through {@code connector}. */
    public static TopCommand withConnector(TargetConnector connector) {
        return new TopCommand(Objects.requireNonNull(connector, "connector"));
    }

    @Override
    public Integer call() {
        Duration every = parseInterval();
        if (format == Format.json && !once) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format json goes with --once");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Watched watched = connect(err);
            View view = new View(watched, every);
            if (once) {
                Frame frame = view.firstFrame();
                ViewState state = new ViewState();
                out.println(
                        format == Format.json
                                ? FrameJson.of(frame, state.visible(frame.maps()))
                                : text(Layout.plain(frame, state)));
                out.flush();
                return 0;
            }
            var screen = Screen.open(!noColor && System.getenv("NO_COLOR") == null);
            if (screen.isEmpty()) {
                view.printEvery(out);
                return 0;
            }
            try (Screen terminal = screen.get()) {
                Size size = terminal.size();
                if (size.getColumns() < Layout.MIN_WIDTH || size.getRows() < Layout.MIN_HEIGHT) {
                    terminal.close();
                    throw new TopFailure(
                            TOO_SMALL,
                            String.format(
                                    Locale.ROOT,
                                    "the terminal is %dx%d and mapwatch"
                                            + " top needs at least %dx%d: enlarge it, or use --once",
                                    size.getColumns(),
                                    size.getRows(),
                                    Layout.MIN_WIDTH,
                                    Layout.MIN_HEIGHT));
                }
                view.run(terminal);
            }
            return 0;
        } catch (TopFailure failure) {
            err.println("mapwatch: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        } catch (IOException e) {
            err.println("mapwatch: the terminal failed: " + e.getMessage());
            return 1;
        }
    }

    private Watched connect(PrintWriter err) {
        if (target.chars().allMatch(Character::isDigit)) {
            long pid;
            try {
                pid = Long.parseLong(target);
            } catch (NumberFormatException e) {
                pid = -1;
            }
            if (pid <= 0) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "<pid> must be a process id, got '" + target + "'");
            }
            String url = connector.connect(pid, options, err);
            err.flush();
            long jvmPid = pid;
            double startedEpochSeconds =
                    ProcessHandle.of(pid)
                            .flatMap(p -> p.info().startInstant())
                            .map(i -> i.toEpochMilli() / 1000.0)
                            .orElse(Double.NaN);
            return new Watched(
                    "pid " + jvmPid,
                    jvmPid,
                    startedEpochSeconds,
                    AgentEndpoint.of(url, AgentEndpoint.Credentials.fromAgentOptions(options)));
        }
        for (String option : options) {
            for (String pair : option.split(",")) {
                String key =
                        pair.contains("=")
                                ? pair.substring(0, pair.indexOf('=')).strip()
                                : pair.strip();
                if (!List.of("token", "user", "password").contains(key)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "with a URL only token=, user= and"
                                    + " password= apply (the agent there already runs with its options), got '"
                                    + pair
                                    + "'");
                }
            }
        }
        try {
            AgentEndpoint endpoint =
                    AgentEndpoint.of(target, AgentEndpoint.Credentials.fromAgentOptions(options));
            return new Watched(endpoint.url(), -1, Double.NaN, endpoint);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Duration parseInterval() {
        Matcher m = DURATION.matcher(interval.strip());
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            long millis =
                    (long)
                            (amount
                                    * switch (unit) {
                                        case "ms" -> 1;
                                        case "m" -> 60_000;
                                        default -> 1_000;
                                    });
            if (millis >= MIN_INTERVAL.toMillis()) {
                return Duration.ofMillis(millis);
            }
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--interval must be a duration of at least 200ms"
                        + " (e.g. 1s, 500ms, 2m), got '"
                        + interval
                        + "'");
    }

    static String text(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text().stripTrailing()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** What is watched: a label, the pid (or -1), when the JVM started (epoch seconds, NaN unknown), its agent. */
    record Watched(String label, long pid, double startedEpochSeconds, AgentEndpoint endpoint) {}

    /** The view over time: scrapes, frames, and the interactive loop. */
    static final class View {
        private final Watched watched;
        private final Duration every;
        private final long startedNanos = System.nanoTime();
        private AgentEndpoint.Scrape last;

        View(Watched watched, Duration every) {
            this.watched = watched;
            this.every = every;
        }

        /** Scrapes now and after one interval; the frame between. */
        Frame firstFrame() {
            last = watched.endpoint().scrape();
            pause(every.toMillis()); // the interval the rates are over
            return next();
        }

        /** Scrapes again; the frame since the previous scrape. */
        Frame next() {
            AgentEndpoint.Scrape now = watched.endpoint().scrape();
            AgentEndpoint.Scrape before = last;
            last = now;
            double seconds = Math.max(1e-3, (now.nanoTime() - before.nanoTime()) / 1e9);
            Health h = now.health();
            double uptime =
                    Double.isNaN(watched.startedEpochSeconds())
                            ? Double.NaN
                            : Instant.now().toEpochMilli() / 1000.0 - watched.startedEpochSeconds();
            String jdk =
                    h.jdk().isEmpty()
                            ? now.samples().named("mapwatch_agent_info").stream()
                                    .map(s -> s.label("jdk"))
                                    .findFirst()
                                    .orElse("")
                            : h.jdk();
            String version =
                    h.version().isEmpty()
                            ? now.samples().named("mapwatch_agent_info").stream()
                                    .map(s -> s.label("version"))
                                    .findFirst()
                                    .orElse("")
                            : h.version();
            Frame.Header header =
                    new Frame.Header(
                            watched.label(),
                            watched.pid(),
                            jdk,
                            uptime,
                            version,
                            h.uptimeSeconds(),
                            h.status(),
                            h.jfr(),
                            h.mapsCounting(),
                            h.errors(),
                            seconds,
                            (System.nanoTime() - startedNanos) / 1e9);
            return Frames.of(new Interval(before.samples(), now.samples(), seconds), header);
        }

        /** Not a terminal: a plain frame every interval, until the process is ended. */
        void printEvery(PrintWriter out) {
            Frame frame = firstFrame();
            while (true) {
                out.println(text(Layout.plain(frame, new ViewState())));
                out.println();
                out.flush();
                if (out.checkError()) {
                    return; // the reader went away (a closed pipe)
                }
                pause(every.toMillis());
                frame = next();
            }
        }

        /** The interactive loop, until q or Ctrl-C. */
        void run(Screen screen) throws IOException {
            ViewState state = new ViewState();
            screen.draw(
                    Layout.screen(
                            waiting(), state, screen.size().getColumns(), screen.size().getRows()));
            Frame frame = null;
            last = watched.endpoint().scrape();
            long due = System.nanoTime() + every.toNanos();
            String problem = null;
            boolean dirty = false;
            while (!state.quit()) {
                long wait = Math.max(1, (due - System.nanoTime()) / 1_000_000);
                Key key = screen.read(Math.min(wait, 100));
                if (key != null) {
                    dirty |= state.apply(key);
                }
                if (screen.resized()) {
                    dirty = true;
                }
                if (System.nanoTime() >= due) {
                    due += every.toNanos();
                    if (System.nanoTime() > due) {
                        due = System.nanoTime() + every.toNanos(); // a long scrape: start the next
                        // interval now
                    }
                    if (!state.paused()) {
                        try {
                            frame = next();
                            problem = null;
                        } catch (TopFailure failure) {
                            problem = failure.getMessage();
                        }
                        dirty = true;
                    }
                }
                if (dirty && !state.quit()) {
                    Size size = screen.size();
                    List<Line> lines =
                            Layout.screen(
                                    frame == null ? waiting() : frame,
                                    state,
                                    size.getColumns(),
                                    size.getRows());
                    if (problem != null
                            && lines.size() > 2
                            && size.getColumns() >= Layout.MIN_WIDTH
                            && size.getRows() >= Layout.MIN_HEIGHT) {
                        lines = new java.util.ArrayList<>(lines);
                        lines.set(
                                2, Line.of("! " + problem, Line.Style.WARN).cut(size.getColumns()));
                    }
                    screen.draw(lines);
                    dirty = false;
                }
            }
        }

        private Frame waiting() {
            Frame.Header header =
                    new Frame.Header(
                            watched.label() + " (first figures after one interval)",
                            watched.pid(),
                            "",
                            Double.NaN,
                            "",
                            Double.NaN,
                            "",
                            "",
                            "",
                            0,
                            every.toMillis() / 1000.0,
                            (System.nanoTime() - startedNanos) / 1e9);
            return new Frame(
                    header,
                    List.of(),
                    List.of(),
                    new Frame.Threads(
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN),
                    new Frame.Allocation(Double.NaN, List.of()));
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis); // the interval itself: the rates are over this time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopFailure(1, "interrupted");
            }
        }
    }
}
