package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.report.ReportFixture.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong input gets one line on stderr naming the file and what is wrong, a documented exit
 * code, nothing on stdout and never a stack trace.
 */
class ReportBadInputTest {
    @TempDir Path dir;

    @Test
    void missingFile() {
        assertUnreadable(dir.resolve("nope.jfr"), "no such file");
    }

    @Test
    void emptyFile() throws Exception {
        assertUnreadable(Files.createFile(dir.resolve("empty.jfr")), "the file is empty");
    }

    @Test
    void textFile() throws Exception {
        assertUnreadable(
                Files.writeString(dir.resolve("notes.jfr"), "this is not a recording\n"),
                "no JFR magic number");
    }

    @Test
    void directory() {
        assertUnreadable(dir, "a directory");
    }

    @Test
    void recordingCutInHalf() throws Exception {
        byte[] whole = Files.readAllBytes(ReportFixture.recording());
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        assertUnreadable(half, "truncated");
    }

    @Test
    void recordingWithGarbageInTheMiddle() throws Exception {
        byte[] bytes = Files.readAllBytes(ReportFixture.recording());
        for (int i = bytes.length / 3; i < bytes.length * 2 / 3; i++) {
            bytes[i] = (byte) (i * 31);
        }
        assertUnreadable(Files.write(dir.resolve("garbled.jfr"), bytes), "corrupt");
    }

    @Test
    void unwritableOutput() throws Exception {
        Path out = dir.resolve("no-such-dir").resolve("report.html");
        CommandResult result =
                ReportFixture.report(
                        ReportFixture.recording().toString(), "--output", out.toString());
        assertThat(result.exitCode()).isEqualTo(ReportCommand.EXIT_UNWRITABLE_OUTPUT);
        assertOneLine(result, "mapwatch report: cannot write " + out);
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        CommandResult result =
                ReportFixture.report(ReportFixture.recording().toString(), "--format", "pdf");
        assertThat(result.exitCode()).isEqualTo(ReportCommand.EXIT_USAGE);
        assertThat(result.err())
                .contains("'pdf' is not one of text, json, html")
                .doesNotContain("\tat ");
    }

    @Test
    void topBelowOneIsAUsageError() throws Exception {
        CommandResult result =
                ReportFixture.report(ReportFixture.recording().toString(), "--top", "0");
        assertThat(result.exitCode()).isEqualTo(ReportCommand.EXIT_USAGE);
        assertThat(result.err()).contains("--top").contains("at least 1").doesNotContain("\tat ");
    }

    @Test
    void missingArgumentIsAUsageError() {
        CommandResult result = ReportFixture.report();
        assertThat(result.exitCode()).isEqualTo(ReportCommand.EXIT_USAGE);
        assertThat(result.err()).contains("RECORDING");
    }

    @Test
    void helpListsTheExitCodes() {
        CommandResult result = ReportFixture.report("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("--format")
                .contains("--top")
                .contains("--output")
                .contains("3   the input is not a readable JFR recording");
    }

    private static void assertUnreadable(Path file, String reason) {
        CommandResult result = ReportFixture.report(file.toString());
        assertThat(result.exitCode()).isEqualTo(ReportCommand.EXIT_UNREADABLE_INPUT);
        assertOneLine(result, "mapwatch report: " + file + ": not a JFR recording (" + reason);
    }

    private static void assertOneLine(CommandResult result, String start) {
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(start).endsWith(System.lineSeparator());
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
