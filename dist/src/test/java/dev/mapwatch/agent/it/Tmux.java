package dev.mapwatch.agent.it;

import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real terminal for a test: a tmux server of its own (a unique {@code -L} socket, no user
 * configuration) with one detached session running an interactive {@code /bin/sh} whose prompt is
 * {@value #PROMPT}. Keys go in with {@code send-keys}, the screen comes out with {@code capture-pane
 * -p} (plain text, trailing blanks trimmed). {@link #close} kills the server and whatever runs in it.
 * Each call is one short {@code tmux} process.
 */
final class Tmux implements AutoCloseable {

    /** The shell's prompt. */
    static final String PROMPT = "mw$ ";

    private static final String SESSION = "it";
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final String socket;
    private String socketPath = "";

    private Tmux(String socket) {
        this.socket = socket;
    }

    /**
     * Fails under {@code CI=true} when tmux is missing (CI installs it: scripts/install-test-deps),
     * skips the test with the reason elsewhere.
     */
    static void require() {
        if (installed()) {
            return;
        }
        String missing =
                "tmux is not installed (scripts/install-test-deps installs it as root): the real-terminal"
                        + " test of mapwatch top needs it";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true: " + missing);
        }
        Assumptions.abort(missing);
    }

    private static boolean installed() {
        try {
            Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A server with one session of {@code width} x {@code height}, its shell ready for input. */
    static Tmux start(int width, int height) {
        Tmux tmux =
                new Tmux(
                        "mapwatch-it-"
                                + ProcessHandle.current().pid()
                                + "-"
                                + SERVERS.incrementAndGet());
        try {
            tmux.tmux(
                    "-f",
                    "/dev/null",
                    "new-session",
                    "-d",
                    "-s",
                    SESSION,
                    "-x",
                    Integer.toString(width),
                    "-y",
                    Integer.toString(height),
                    "env PS1='" + PROMPT + "' /bin/sh -i");
            tmux.socketPath = tmux.pane("#{socket_path}");
            tmux.awaitScreen(
                    "the shell's prompt",
                    screen -> screen.stream().anyMatch(l -> l.startsWith(PROMPT.strip())));
            return tmux;
        } catch (RuntimeException | AssertionError e) {
            tmux.close();
            throw e;
        }
    }

    /** Types {@code line} into the pane as it is, then Enter. */
    void type(String line) {
        tmux("send-keys", "-t", SESSION, "-l", line);
        keys("Enter");
    }

    /** Sends keys in tmux's names ({@code q}, {@code C-c}, {@code Enter}). */
    void keys(String... keys) {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        command.addAll(List.of(keys));
        tmux(command.toArray(String[]::new));
    }

    /** Resizes the window (and so the pane and the program's terminal, which gets SIGWINCH). */
    void resize(int width, int height) {
        tmux(
                "resize-window",
                "-t",
                SESSION,
                "-x",
                Integer.toString(width),
                "-y",
                Integer.toString(height));
    }

    /** The visible lines, one per row; wrapped lines joined when {@code joined}. */
    List<String> screen(boolean joined) {
        return tmux(joined
                        ? new String[] {"capture-pane", "-p", "-J", "-t", SESSION}
                        : new String[] {"capture-pane", "-p", "-t", SESSION})
                .lines()
                .toList();
    }

    /** The visible rows once {@code condition} holds, or an error naming {@code what} and the last screen. */
    List<String> awaitScreen(String what, Predicate<List<String>> condition) {
        List<String> last = Poll.until(ChildJvm.DEADLINE, () -> screen(false), condition);
        if (!condition.test(last)) {
            throw new AssertionError(
                    "within "
                            + ChildJvm.DEADLINE
                            + " the screen never showed "
                            + what
                            + ":\n"
                            + String.join("\n", last));
        }
        return last;
    }

    /** A tmux format of the pane, e.g. {@code #{alternate_on}}. */
    String pane(String format) {
        return tmux("display-message", "-p", "-t", SESSION, format).strip();
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("mapwatch-tmux", ".out");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command)
                                .redirectErrorStream(true)
                                .redirectOutput(output.toFile());
                builder.environment()
                        .remove("TMUX"); // a server of its own, also when the build runs in tmux
                Process process = builder.start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            String.join(" ", command) + " still running after 10 s");
                }
                String out = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(
                            String.join(" ", command)
                                    + " exited "
                                    + process.exitValue()
                                    + ": "
                                    + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the server (the shell and whatever runs in it get SIGHUP) and removes its socket file. */
    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (AssertionError | UncheckedIOException e) {
            // no server left (it never started, or its last pane ended)
        }
        try {
            if (!socketPath.isEmpty()) {
                Files.deleteIfExists(Path.of(socketPath));
            }
        } catch (IOException e) {
            // a stale socket file in tmux's directory, harmless
        }
    }
}
