package dev.mapwatch.bpf.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Attaches both hardware cache events with bpftrace and exits at once. A host whose kernel
 * has no CPU PMU (many virtual machines) fails in perf_event_open with ENOENT; its sysfs has
 * no {@code /sys/bus/event_source/devices/cpu}. bpftrace does not fall back to software
 * events, so a clean attach means the events are real.
 */
final class BpftraceHardwareEventProbe implements HardwareEventProbe {

    static final String PROGRAM =
            "hardware:cache-references:1000000 {} hardware:cache-misses:1000000 {} BEGIN { exit(); }";

    private final String program;
    private final Path cpuPmu;

    BpftraceHardwareEventProbe() {
        this(PROGRAM, Path.of("/sys/bus/event_source/devices/cpu"));
    }

    /** Another program and PMU directory: tests reproduce a host without the events. */
    BpftraceHardwareEventProbe(String program, Path cpuPmu) {
        this.program = program;
        this.cpuPmu = cpuPmu;
    }

    @Override
    public Finding probe(Path bpftrace) {
        Commands.Result result = Commands.run(List.of(bpftrace.toString(), "-e", program), 20);
        boolean pmu = Files.isDirectory(cpuPmu);
        if (result.ok()) {
            return Finding.met(
                    Requirement.HARDWARE_CACHE_EVENTS,
                    "hardware cache events attach (cache-references and cache-misses via perf_event_open)"
                            + (pmu ? "; CPU PMU " + cpuPmu : ""));
        }
        String errors =
                result.output()
                        .lines()
                        .filter(
                                l ->
                                        l.contains("perf_event_open")
                                                || l.contains("attaching probe")
                                                || l.contains("ERROR"))
                        .filter(l -> !l.contains("RLIMIT_MEMLOCK"))
                        .collect(Collectors.joining("; "));
        String why =
                pmu
                        ? "the kernel refused them"
                        : "no CPU PMU is exposed to this kernel ("
                                + cpuPmu
                                + " is missing), as on virtual machines without a virtual PMU";
        return Finding.unmet(
                Requirement.HARDWARE_CACHE_EVENTS,
                "hardware cache events are not supported on this host: "
                        + why
                        + (errors.isEmpty() ? "" : " (bpftrace: " + errors + ")"));
    }
}
