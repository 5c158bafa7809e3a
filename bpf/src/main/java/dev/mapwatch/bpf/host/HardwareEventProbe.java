package dev.mapwatch.bpf.host;

import java.nio.file.Path;

/**
 * Finds out whether hardware cache events can be sampled here. The real one attaches
 * {@code hardware:cache-references} and {@code hardware:cache-misses} probes with bpftrace;
 * tests inject a fixed answer to exercise the path of a host without a PMU.
 */
@FunctionalInterface
public interface HardwareEventProbe {

    /** The finding for {@link Requirement#HARDWARE_CACHE_EVENTS}, using the given bpftrace. */
    Finding probe(Path bpftrace);

    /** The probe that really attaches the two hardware events for an instant. */
    static HardwareEventProbe bpftraceAttach() {
        return new BpftraceHardwareEventProbe();
    }
}
