package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.testkit.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line: usage errors in one line with exit code 2, help, list and check output. */
class BpfCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        var cl = BpfCommand.commandLine(new BpfCommand(HostInspector::ofThisHost));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unknownScriptIsAUsageError() {
        assertThat(execute("run", "cache-hits", "--pid", "1")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "mapwatch bpf run: unknown script 'cache-hits'; scripts: "
                                + "cache-misses, offcpu, jvm-threads, jvm-monitors (see --help)"
                                + System.lineSeparator());
    }

    @Test
    void missingProcessIsAUsageError() {
        long pid = ProcessHandle.current().pid() + 4_000_000; // beyond pid_max (4194304) on Linux
        assertThat(execute("run", "offcpu", "--pid", Long.toString(pid))).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly("mapwatch bpf run: no process with pid " + pid + " (see --help)");
        assertThat(execute("check", "--pid", Long.toString(pid))).isEqualTo(2);
    }

    @Test
    void badIntervalAndMissingPidAreUsageErrors() {
        assertThat(execute("run", "offcpu", "--pid", "1", "--interval", "500ms")).isEqualTo(2);
        assertThat(execute("run", "offcpu")).isEqualTo(2);
        assertThat(execute("run", "offcpu", "--pid", "1", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString().lines())
                .containsExactly(
                        "mapwatch bpf run: Invalid value for option '--interval': bad interval '500ms': use whole seconds or minutes, e.g. 5s or 1m (see --help)",
                        "mapwatch bpf run: Missing required option: '--pid=<pid>' (see --help)",
                        "mapwatch bpf run: bad --port 70000: use 0-65535 (see --help)");
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString())
                .contains("list", "check", "run", "Exit codes:", "3   a script cannot run here");
        assertThat(execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--interval", "--port", "--host", "--max-label-values");
    }

    @Test
    void listNamesEveryScriptWithItsNeeds() {
        assertThat(execute("list", "--format", "json")).isZero();
        assertThat(out.toString())
                .startsWith(
                        "{\"scripts\":[{\"name\":\"cache-misses\",\"file\":\"cache-misses.bt\",")
                .contains(
                        "{\"requirement\":\"monitor_probes\",\"kind\":\"target\",\"description\":\"the target JVM started with -XX:+DTraceMonitorProbes\","
                                + "\"host_has_it\":\"unknown\"}");
    }

    @Test
    void checkOfAJvmWithoutMonitorProbesSaysSoAndExits3() throws Exception {
        SystemParts.requireBpftrace(dev.mapwatch.bpf.host.Requirement.TRACEFS);
        try (ChildJvm child = TraceTarget.start()) {
            int code = execute("check", "--pid", Long.toString(child.pid()));
            assertThat(out.toString())
                    .contains("jvm-threads   can run")
                    .contains(
                            "jvm-monitors  CANNOT run: monitor probes are not enabled in process "
                                    + child.pid());
            assertThat(code).isEqualTo(BpfCommand.EXIT_NOT_RUNNABLE);
        }
    }

    @Test
    void checkOfANonJvmProcessSaysItIsNoHotSpotJvm() {
        SystemParts.requireBpftrace();
        execute("check", "--pid", "1", "--format", "json");
        assertThat(out.toString())
                .contains("\"detail\":\"process 1 maps no libjvm.so: not a HotSpot JVM\"");
    }
}
