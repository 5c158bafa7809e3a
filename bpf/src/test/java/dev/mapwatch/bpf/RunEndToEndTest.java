package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.Requirement;
import dev.mapwatch.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mapwatch bpf run} end to end: real bpftrace against a child JVM, metrics scraped over
 * HTTP while it runs, a clean stop when the target exits, and no bpftrace process left.
 */
class RunEndToEndTest {

    private static final int N = 5;

    @Test
    void servesThreadCountsAndLeavesNoBpftraceBehind() throws Exception {
        SystemParts.requireBpftrace();
        try (ChildJvm child = TraceTarget.start()) {
            if (!SystemParts.hasCapabilities(
                    BpfScript.JVM_THREADS, child.pid(), Requirement.HOTSPOT_USDT)) {
                return;
            }
            String pid = Long.toString(child.pid());
            // Returns after the first interval print: every probe is attached.
            BackgroundRun run =
                    BackgroundRun.startAttached(
                            HostInspector::ofThisHost, BpfScript.JVM_THREADS, child.pid());
            List<ProcessHandle> bpftrace = BackgroundRun.bpftraceChildren();
            assertThat(bpftrace).hasSize(1);

            child.command("threads " + N, Duration.ofSeconds(30));
            double started =
                    run.awaitValue(
                            "mapwatch_hotspot_threads_started_total{pid=\""
                                    + pid
                                    + "\",thread=\"churn-worker-N\"}",
                            v -> v >= N,
                            Duration.ofSeconds(20));
            double stopped =
                    run.awaitValue(
                            "mapwatch_hotspot_threads_stopped_total{pid=\""
                                    + pid
                                    + "\",thread=\"churn-worker-N\"}",
                            v -> v >= N,
                            Duration.ofSeconds(20));
            assertThat(started).isEqualTo(N);
            assertThat(stopped).isEqualTo(N);
            String exposition = run.scrape();
            assertThat(exposition)
                    .contains("# TYPE mapwatch_hotspot_thread_lifetime_seconds histogram")
                    .contains(
                            "mapwatch_hotspot_thread_lifetime_seconds_bucket{pid=\""
                                    + pid
                                    + "\",le=\"+Inf\"}")
                    .contains(
                            "mapwatch_bpf_parse_errors_total{pid=\""
                                    + pid
                                    + "\",script=\"jvm-threads\"} 0.0");
            assertThat(
                            BackgroundRun.value(
                                            exposition,
                                            "mapwatch_hotspot_thread_lifetime_seconds_count{pid=\""
                                                    + pid
                                                    + "\"}")
                                    .orElse(0))
                    .isGreaterThanOrEqualTo(N);

            child.exit();
            assertThat(run.awaitExit(Duration.ofSeconds(30))).as(run.err()).isZero();
            assertThat(run.out()).contains("process " + pid + " exited; bpftrace stopped");
            assertThat(bpftrace).noneMatch(ProcessHandle::isAlive);
            assertThat(BackgroundRun.bpftraceChildren()).isEmpty();
        }
    }

    @Test
    void servesOffCpuTimeOfASleepingThread() throws Exception {
        SystemParts.requireBpftrace(Requirement.TRACEFS);
        try (ChildJvm child = TraceTarget.start()) {
            String pid = Long.toString(child.pid());
            // Returns after the first interval print: every probe is attached.
            BackgroundRun run =
                    BackgroundRun.startAttached(
                            HostInspector::ofThisHost, BpfScript.OFFCPU, child.pid());

            // 25 sleeps of 20 ms: 0.5 s asleep. Off CPU is a little less: each sleep's own code
            // and timer wake-up run on CPU (a fresh clone here measured 0.483 s), so ask for 80 %.
            child.command("sleep 25", Duration.ofSeconds(30));
            double blocked =
                    run.awaitValue(
                            "mapwatch_offcpu_seconds_total{pid=\""
                                    + pid
                                    + "\",state=\"blocked\",thread=\"sleeper\"}",
                            v -> v >= 0.4,
                            Duration.ofSeconds(20));
            assertThat(blocked).isLessThan(5.0);

            child.exit();
            assertThat(run.awaitExit(Duration.ofSeconds(30))).as(run.err()).isZero();
            assertThat(BackgroundRun.bpftraceChildren()).isEmpty();
        }
    }

    @Test
    void aFailingBpftraceEndsTheRunWithExitCode1AndItsError(@TempDir Path dir) throws Exception {
        SystemParts.requireBpftrace(Requirement.TRACEFS);
        // A stand-in that answers --version, prints one good and one bad line, and fails to attach.
        Path fake = dir.resolve("bpftrace");
        Files.writeString(
                fake,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "if [ \"$1\" = --version ]; then echo 'bpftrace v0.17.0'; exit 0; fi",
                        "echo '{\"type\": \"attached_probes\", \"data\": {\"probes\": 4}}'",
                        "echo 'Attaching 4 probes...'",
                        "echo 'ERROR: Error attaching probe: tracepoint:sched:sched_switch' >&2",
                        "exit 1",
                        ""));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        try (ChildJvm child = TraceTarget.start()) {
            BackgroundRun run =
                    BackgroundRun.start(
                            () -> HostInspector.withBpftrace(Optional.of(fake)),
                            "run",
                            "offcpu",
                            "--pid",
                            Long.toString(child.pid()),
                            "--port",
                            "0");
            assertThat(run.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(run.err())
                    .containsPattern(
                            "mapwatch bpf: unreadable bpftrace output \\(Unrecognized token 'Attaching': [^\\n]*"
                                    + " at column 10\\): Attaching 4 probes\\.\\.\\.\\n")
                    .contains(
                            "mapwatch bpf: bpftrace: ERROR: Error attaching probe: tracepoint:sched:sched_switch")
                    .contains(
                            "mapwatch bpf: bpftrace failed: ERROR: Error attaching probe: tracepoint:sched:sched_switch");
        }
    }
}
