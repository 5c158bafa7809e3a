package dev.mapwatch.bpf.host;

/** Something a bpf script needs from the host or from the target JVM. */
public enum Requirement {
    BPFTRACE(Kind.SETUP, "bpftrace on the PATH (Debian/Ubuntu: apt-get install bpftrace)"),
    PRIVILEGES(Kind.SETUP, "root, or the capabilities CAP_BPF and CAP_PERFMON"),
    HARDWARE_CACHE_EVENTS(
            Kind.HOST,
            "hardware cache events (a CPU PMU: perf_event_open of PERF_COUNT_HW_CACHE_MISSES)"),
    TRACEFS(Kind.SETUP, "tracefs mounted at /sys/kernel/tracing (for tracepoints)"),
    HOTSPOT_USDT(Kind.TARGET, "the target's libjvm.so built with USDT probes (.note.stapsdt)"),
    MONITOR_PROBES(Kind.TARGET, "the target JVM started with -XX:+DTraceMonitorProbes");

    /**
     * Who can meet a requirement: what an operator sets up on this host, what the host (hardware,
     * hypervisor, kernel) has or lacks, or how the target JVM was built or started.
     */
    public enum Kind {
        /** Installed or granted here: a package, a privilege, a mount. */
        SETUP,
        /** A capability of the host itself, e.g. a CPU PMU: nothing to install. */
        HOST,
        /** A property of the target JVM: its build (USDT probes) or its start-up flags. */
        TARGET;

        /** The lower-case name used in JSON, e.g. {@code host}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String description;

    Requirement(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    /** Who can meet it: set up here, the host's own capability, or the target JVM's. */
    public Kind kind() {
        return kind;
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
