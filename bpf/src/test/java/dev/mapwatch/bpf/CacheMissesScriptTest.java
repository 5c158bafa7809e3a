package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.Requirement;
import dev.mapwatch.bpf.host.ScriptReadiness;
import dev.mapwatch.testkit.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * cache-misses.bt: the runner's "unsupported" path (hardware events injected as missing: this
 * host has a PMU, checked with a real attach) and, where the events work, the real path.
 */
class CacheMissesScriptTest {

    private static final String NO_PMU =
            "hardware cache events are not supported on this host: no CPU PMU is exposed "
                    + "to this kernel (/sys/bus/event_source/devices/cpu is missing), as on virtual machines without a virtual PMU";

    private static HostInspector withoutPmu() {
        return HostInspector.withHardwareEventProbe(
                bpftrace -> Finding.unmet(Requirement.HARDWARE_CACHE_EVENTS, NO_PMU));
    }

    @Test
    void checkSaysExactlyWhyOnAHostWithoutHardwareEvents() {
        SystemParts.requireBpftrace();
        StringWriter out = new StringWriter();
        var cl = BpfCommand.commandLine(new BpfCommand(CacheMissesScriptTest::withoutPmu));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("check", "--format", "json");
        assertThat(code).isEqualTo(BpfCommand.EXIT_NOT_RUNNABLE);
        assertThat(out.toString())
                .contains("{\"name\":\"cache-misses\",\"runnable\":false,")
                .contains(
                        "{\"requirement\":\"hardware_cache_events\",\"kind\":\"host\",\"status\":\"unmet\",\"detail\":\""
                                + NO_PMU
                                + "\"}")
                .contains("{\"name\":\"offcpu\",\"runnable\":true,");
    }

    @Test
    void runRefusesWithOneClearLine() {
        SystemParts.requireBpftrace();
        StringWriter err = new StringWriter();
        var cl = BpfCommand.commandLine(new BpfCommand(CacheMissesScriptTest::withoutPmu));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code =
                cl.execute(
                        "run",
                        "cache-misses",
                        "--pid",
                        Long.toString(ProcessHandle.current().pid()),
                        "--port",
                        "0");
        assertThat(code).isEqualTo(BpfCommand.EXIT_NOT_RUNNABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "mapwatch bpf run: cache-misses cannot run here: "
                                + NO_PMU
                                + System.lineSeparator());
        assertThat(BackgroundRun.bpftraceChildren()).isEmpty();
    }

    @Test
    void countsCacheTrafficOfABusyThreadWhereTheHostHasHardwareEvents() throws Exception {
        SystemParts.requireBpftrace();
        ScriptReadiness readiness =
                HostInspector.ofThisHost().check(BpfScript.CACHE_MISSES, Optional.empty());
        Finding hardware =
                readiness.findings().stream()
                        .filter(f -> f.requirement() == Requirement.HARDWARE_CACHE_EVENTS)
                        .findFirst()
                        .orElseThrow();
        if (hardware.blocks()) {
            // A host without a PMU: the real probe says so in the same words as the injected one.
            assertThat(hardware.detail())
                    .startsWith("hardware cache events are not supported on this host: ");
        }
        if (!SystemParts.hasCapabilities(
                BpfScript.CACHE_MISSES,
                ProcessHandle.current().pid(),
                Requirement.HARDWARE_CACHE_EVENTS)) {
            return;
        }
        try (ChildJvm child = TraceTarget.start()) {
            String pid = Long.toString(child.pid());
            // Returns after the first interval print: every probe is attached.
            BackgroundRun run =
                    BackgroundRun.startAttached(
                            HostInspector::ofThisHost, BpfScript.CACHE_MISSES, child.pid());
            child.command("work 2000", Duration.ofSeconds(30));
            // The work runs on the primordial thread, whose kernel name (comm) is the process name,
            // java.
            // Every sample adds its period: totals are whole multiples of it.
            double references =
                    run.awaitValue(
                            "mapwatch_cpu_cache_references_total{pid=\""
                                    + pid
                                    + "\",thread=\"java\"}",
                            v -> v > 0,
                            Duration.ofSeconds(20));
            double misses =
                    run.awaitValue(
                            "mapwatch_cpu_cache_misses_total{pid=\"" + pid + "\",thread=\"java\"}",
                            v -> v > 0,
                            Duration.ofSeconds(20));
            assertThat(references % 100_000).isZero();
            assertThat(misses % 10_000).isZero();
            double ratio =
                    run.awaitValue(
                            "mapwatch_cpu_cache_miss_ratio{pid=\"" + pid + "\"}",
                            v -> true,
                            Duration.ofSeconds(20));
            assertThat(ratio).isBetween(0.0, 1.0);
            child.exit();
            assertThat(run.awaitExit(Duration.ofSeconds(30))).as(run.err()).isZero();
            assertThat(BackgroundRun.bpftraceChildren()).isEmpty();
        }
    }
}
