package dev.mapwatch.bpf.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real hardware-event probe: what it says when perf_event_open refuses a hardware event. */
class BpftraceHardwareEventProbeTest {

    @Test
    void aRefusedHardwareEventIsReportedAsUnsupportedWithTheKernelsReason() {
        Optional<Path> bpftrace = HostInspector.ofThisHost().bpftrace();
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(bpftrace.isPresent(), "bpftrace is not installed");
        }
        // backend-stalls has no encoding on many CPUs (AMD, and every VM without a PMU): the kernel
        // answers ENOENT as it does for cache events on a host without a PMU.
        Finding finding =
                new BpftraceHardwareEventProbe(
                                "hardware:backend-stalls:1000000 {} BEGIN { exit(); }",
                                Path.of("/nonexistent/cpu"))
                        .probe(bpftrace.orElseThrow());
        assumeTrue(
                finding.blocks(),
                "this CPU supports backend-stalls, so it cannot stand for a missing event");
        assertThat(finding.requirement()).isEqualTo(Requirement.HARDWARE_CACHE_EVENTS);
        assertThat(finding.detail())
                .startsWith(
                        "hardware cache events are not supported on this host: no CPU PMU is exposed to this kernel "
                                + "(/nonexistent/cpu is missing), as on virtual machines without a virtual PMU")
                .contains("perf_event_open failed: No such file or directory")
                .contains("Error attaching probe: hardware:backend-stalls:1000000");
    }
}
