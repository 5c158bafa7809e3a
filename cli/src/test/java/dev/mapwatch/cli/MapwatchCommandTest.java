package dev.mapwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MapwatchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MapwatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: mapwatch")
                .contains("Exit codes:")
                .contains("0  ok")
                .contains("1  runtime failure")
                .contains("2  usage error");
    }

    @Test
    void listsItsSubcommands() {
        assertThat(MapwatchCommand.commandLine().getSubcommands())
                .containsKeys("attach", "bench", "demo", "report", "bpf", "help");
        assertThat(run("attach", "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: mapwatch attach")
                .contains("3   no such process");
    }

    @Test
    void versionNamesAgentAndJdk() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("mapwatch ").contains("JDK " + Runtime.version());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertThat(run("--bogus")).isEqualTo(MapwatchCommand.USAGE);
        assertThat(err.toString().lines())
                .containsExactly("mapwatch: Unknown option: '--bogus' (see 'mapwatch --help')");
        err.getBuffer().setLength(0);
        assertThat(run()).isEqualTo(MapwatchCommand.USAGE);
        assertThat(err.toString().lines())
                .containsExactly("mapwatch: missing command (see 'mapwatch --help')");
    }
}
