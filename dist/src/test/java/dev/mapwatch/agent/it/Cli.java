package dev.mapwatch.agent.it;

import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar mapwatch-agent.jar <args>} on the JDK under test, as a user would. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {}

    static Result run(String... args) {
        return runAs(List.of(), args);
    }

    /** {@code prefix} runs the command under another program, e.g. {@code runuser -u nobody --}. */
    static Result runAs(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(ChildJvm.javaHome().resolve("bin/java").toString());
        command.add("-jar");
        command.add(ChildJvm.agentJar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("mapwatch-cli", ".out");
            Path err = Files.createTempFile("mapwatch-cli", ".err");
            try {
                Process process =
                        new ProcessBuilder(command)
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .directory(Path.of("/tmp").toFile())
                                .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "mapwatch " + String.join(" ", args) + " still running after 60 s");
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
