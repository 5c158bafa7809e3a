package dev.mapwatch.alerts.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool} (Debian package {@code prometheus}). */
public final class Promtool {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** The promtool on the {@code PATH}; skips the test (fails under CI) when there is none. */
    public static Promtool require() {
        return new Promtool(SystemTool.require("promtool", "prometheus"));
    }

    /** {@code promtool check rules FILE...}: syntax, PromQL parse, templates, duplicate rules. */
    public ProcessResult checkRules(List<Path> ruleFiles) {
        return run("check", "rules", ruleFiles);
    }

    /** {@code promtool test rules FILE...}: the rule unit tests. */
    public ProcessResult testRules(List<Path> testFiles) {
        return run("test", "rules", testFiles);
    }

    private ProcessResult run(String verb, String noun, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), verb, noun));
        files.forEach(file -> command.add(file.toString()));
        return ProcessRunner.run(command, TIMEOUT);
    }

    /** Runs a program to its end, with a timeout. */
    static final class ProcessRunner {

        private ProcessRunner() {}

        static ProcessResult run(List<String> command, Duration timeout) {
            String line = String.join(" ", command);
            try {
                // Output goes to a file, so that a hung program cannot block the read past the
                // timeout.
                Path log = Files.createTempFile("mapwatch-process", ".log");
                try {
                    Process process =
                            new ProcessBuilder(command)
                                    .redirectErrorStream(true)
                                    .redirectOutput(log.toFile())
                                    .start();
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly().waitFor();
                        return new ProcessResult(
                                line,
                                -1,
                                "timed out after " + timeout + "\n" + Files.readString(log));
                    }
                    return new ProcessResult(
                            line,
                            process.exitValue(),
                            Files.readString(log, StandardCharsets.UTF_8));
                } finally {
                    Files.deleteIfExists(log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + line, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + line, e);
            }
        }
    }
}
