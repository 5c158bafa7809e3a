package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.Requirement;
import dev.mapwatch.bpf.host.ScriptReadiness;
import dev.mapwatch.bpf.host.TargetJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test guards for real bpftrace as root. A missing part that scripts/install-test-deps sets up
 * (bpftrace, root, tracefs) skips the test with the reason, or fails it under CI=true; a missing
 * capability of the host or target JVM switches the test to what the product does there.
 */
final class SystemParts {

    private SystemParts() {}

    /** Requires bpftrace, root and the given host requirements; returns the bpftrace path. */
    static Path requireBpftrace(Requirement... more) {
        HostInspector inspector = HostInspector.ofThisHost();
        require(
                inspector.bpftrace().isPresent(),
                "bpftrace is not installed (scripts/install-test-deps installs it)");
        for (BpfScript script : BpfScript.values()) {
            for (Finding f : inspector.check(script, Optional.empty()).findings()) {
                boolean wanted =
                        f.requirement() == Requirement.BPFTRACE
                                || f.requirement() == Requirement.PRIVILEGES
                                || Arrays.asList(more).contains(f.requirement());
                if (wanted) {
                    require(!f.blocks(), f.detail());
                }
            }
        }
        return inspector.bpftrace().orElseThrow();
    }

    private static void require(boolean present, String reason) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail("CI needs this system part: " + reason);
            }
        } else {
            assumeTrue(present, reason);
        }
    }

    /**
     * Whether the host and the target JVM have the given capabilities (USDT probes in the target's
     * libjvm.so, say), which no install step can add. Where they lack one, the test takes the product's
     * path on such a host instead: {@code bpf run} refuses in one line naming every missing capability,
     * with exit code 3, and starts no bpftrace. Says in the test output which path was taken.
     *
     * @return true for the real path (every capability present), false once the refusal is checked
     */
    static boolean hasCapabilities(BpfScript script, long pid, Requirement... capabilities) {
        ScriptReadiness readiness = HostInspector.ofThisHost().check(script, TargetJvm.of(pid));
        List<Finding> missing =
                readiness.findings().stream()
                        .filter(
                                f ->
                                        Arrays.asList(capabilities).contains(f.requirement())
                                                && f.blocks())
                        .toList();
        if (missing.isEmpty()) {
            System.out.println(
                    "["
                            + script.scriptName()
                            + "] real path: "
                            + Arrays.toString(capabilities)
                            + " present");
            return true;
        }
        assertThat(missing)
                .allSatisfy(
                        f ->
                                assertThat(f.requirement().kind())
                                        .isNotEqualTo(Requirement.Kind.SETUP));
        StringWriter err = new StringWriter();
        var cl = BpfCommand.commandLine(new BpfCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code =
                cl.execute("run", script.scriptName(), "--pid", Long.toString(pid), "--port", "0");
        assertThat(code).isEqualTo(BpfCommand.EXIT_NOT_RUNNABLE);
        assertThat(err.toString().lines())
                .singleElement()
                .asString()
                .startsWith("mapwatch bpf run: " + script.scriptName() + " cannot run here: ")
                .contains(missing.stream().map(Finding::detail).toList());
        assertThat(BackgroundRun.bpftraceChildren()).isEmpty();
        System.out.println("[" + script.scriptName() + "] host path: " + err.toString().strip());
        return false;
    }
}
