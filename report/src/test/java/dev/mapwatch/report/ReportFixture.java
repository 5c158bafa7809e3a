package dev.mapwatch.report;

import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.testkit.TestMapEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Shared test parts: the recording of {@link ReportWorkload} (made once per test JVM, in a child
 * JVM of the JDK under test, under {@code -XX:StartFlightRecording} with the test settings), and
 * running the command with captured streams.
 */
final class ReportFixture {
    /** Where recordings and outputs go, kept after the build for a look. */
    static final Path DIR = Paths.get("target", "report-tests");

    private static Path recording;

    private ReportFixture() {}

    /** The JDK the tests run on (the child JVMs and {@code jfr} come from it). */
    static Path javaHome() {
        return Paths.get(
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home")));
    }

    static int feature() {
        return Runtime.version().feature();
    }

    /** The workload's recording, made on first use. */
    static synchronized Path recording() throws Exception {
        if (recording == null) {
            Files.createDirectories(DIR);
            Path file = DIR.resolve("workload-jdk" + feature() + ".jfr").toAbsolutePath();
            Files.deleteIfExists(file);
            Path settings =
                    Paths.get(ReportFixture.class.getResource("/report/report-test.jfc").toURI());
            ProcessResult result =
                    run(
                            List.of(
                                    javaHome().resolve("bin/java").toString(),
                                    "-XX:StartFlightRecording=filename="
                                            + file
                                            + ",settings="
                                            + settings
                                            + ",dumponexit=true",
                                    "-Xlog:jfr+startup=warning",
                                    "-cp",
                                    testClasses(),
                                    ReportWorkload.class.getName()),
                            120);
            if (result.exitCode() != 0 || !Files.isRegularFile(file)) {
                throw new AssertionError(
                        "workload failed (" + result.exitCode() + "):\n" + result.output());
            }
            recording = file;
        }
        return recording;
    }

    /** The workload's class path: these tests' classes and the test kit's events. */
    private static String testClasses() {
        return ChildJvm.codeSource(ReportWorkload.class)
                + java.io.File.pathSeparator
                + ChildJvm.codeSource(TestMapEvents.class);
    }

    /** Exit code, standard output and standard error of one run of the command. */
    record CommandResult(int exitCode, String out, String err) {}

    static CommandResult report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ReportCommand(() -> false));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CommandResult(code, out.toString(), err.toString());
    }

    /** Exit code and merged output of a process. */
    record ProcessResult(int exitCode, String output) {}

    static ProcessResult run(List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump =
                new Thread(
                        () -> {
                            try {
                                p.getInputStream().transferTo(output);
                            } catch (IOException ignored) {
                                // the process died; its exit code tells
                            }
                        });
        pump.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    command.get(0) + " did not finish within " + timeoutSeconds + " s");
        }
        pump.join();
        return new ProcessResult(p.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
