package dev.mapwatch.bpf.host;

/** Something a bpf script needs from the host or from the target JVM. */
public enum Requirement {
    BPFTRACE("bpftrace on the PATH (Debian/Ubuntu: apt-get install bpftrace)"),
    PRIVILEGES("root, or the capabilities CAP_BPF and CAP_PERFMON"),
    HARDWARE_CACHE_EVENTS("hardware cache events (a CPU PMU: perf_event_open of PERF_COUNT_HW_CACHE_MISSES)"),
    TRACEFS("tracefs mounted at /sys/kernel/tracing (for tracepoints)"),
    HOTSPOT_USDT("the target's libjvm.so built with USDT probes (.note.stapsdt)"),
    MONITOR_PROBES("the target JVM started with -XX:+DTraceMonitorProbes");

    private final String description;

    Requirement(String description) {
        this.description = description;
    }

    /** What is needed, in words. */
    public String description() {
        return description;
    }

    /** The lower-case name used in JSON, e.g. {@code hardware_cache_events}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
