package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.Requirement;
import dev.mapwatch.bpf.host.ScriptReadiness;
import dev.mapwatch.bpf.host.TargetJvm;
import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import dev.mapwatch.bpf.output.BpftraceEvent.HistPrint;
import dev.mapwatch.bpf.testapp.ContendedLock;
import dev.mapwatch.testkit.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** jvm-monitors.bt for real, and the runner's check of -XX:+DTraceMonitorProbes. */
class JvmMonitorsScriptTest {

    private static final String LOCK_CLASS = ContendedLock.class.getName().replace('.', '/');

    @Test
    void contendedLockClassAppearsWithWaits() throws Exception {
        Path bpftrace = SystemParts.requireBpftrace();
        try (ChildJvm child = TraceTarget.start("-XX:+DTraceMonitorProbes")) {
            if (!SystemParts.hasCapabilities(
                    BpfScript.JVM_MONITORS, child.pid(), Requirement.HOTSPOT_USDT)) {
                return;
            }
            ScriptReadiness readiness =
                    HostInspector.ofThisHost()
                            .check(BpfScript.JVM_MONITORS, TargetJvm.of(child.pid()));
            assertThat(readiness.runnable()).as(readiness.blockers()).isTrue();
            try (BpftraceSession session =
                    BpftraceSession.attach(bpftrace, BpfScript.JVM_MONITORS, child.pid())) {
                child.command("contend 4 50", Duration.ofSeconds(60));

                List<HistBucket> waits =
                        session.await(
                                e ->
                                        e instanceof HistPrint h && h.map().equals("@wait_us")
                                                ? Optional.ofNullable(
                                                        h.histograms().get(LOCK_CLASS))
                                                : Optional.empty(),
                                Duration.ofSeconds(20));
                long count = waits.stream().mapToLong(HistBucket::count).sum();
                assertThat(count).isPositive();
                // 4 threads hold the lock ~1 ms each in turn: a waiter waits at least some
                // microseconds.
                assertThat(waits).anySatisfy(b -> assertThat(b.max()).isGreaterThanOrEqualTo(100));
            }
        }
    }

    @Test
    void checkAndRunSayWhenMonitorProbesAreOff() throws Exception {
        SystemParts.requireBpftrace();
        try (ChildJvm child = TraceTarget.start()) {
            if (!SystemParts.hasCapabilities(
                    BpfScript.JVM_MONITORS, child.pid(), Requirement.HOTSPOT_USDT)) {
                return;
            }
            ScriptReadiness readiness =
                    HostInspector.ofThisHost()
                            .check(BpfScript.JVM_MONITORS, TargetJvm.of(child.pid()));
            Finding monitor =
                    readiness.findings().stream()
                            .filter(f -> f.requirement() == Requirement.MONITOR_PROBES)
                            .findFirst()
                            .orElseThrow();
            assertThat(monitor.status()).isEqualTo(Finding.Status.UNMET);
            assertThat(monitor.detail())
                    .contains(
                            "not enabled", "-XX:+DTraceMonitorProbes", Long.toString(child.pid()));

            StringWriter err = new StringWriter();
            var cl = BpfCommand.commandLine(new BpfCommand());
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            int code =
                    cl.execute(
                            "run",
                            "jvm-monitors",
                            "--pid",
                            Long.toString(child.pid()),
                            "--port",
                            "0");
            assertThat(code).isEqualTo(BpfCommand.EXIT_NOT_RUNNABLE);
            assertThat(err.toString().lines())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch bpf run: jvm-monitors cannot run here: ")
                    .contains("-XX:+DTraceMonitorProbes");
        }
    }
}
