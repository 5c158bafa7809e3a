package dev.mapwatch.bpf.host;

import dev.mapwatch.bpf.BpfScript;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers, for each script, whether it can run on this host (and against a target pid) and
 * why not. Host facts are found once per inspector and cached; target facts once per pid.
 */
public final class HostInspector {

    private static final int CAP_PERFMON = 38;
    private static final int CAP_BPF = 39;

    private final Optional<Path> bpftrace;
    private final HardwareEventProbe hardwareEventProbe;
    private final Map<Requirement, Finding> hostFindings = new EnumMap<>(Requirement.class);
    private final Map<Long, Map<Requirement, Finding>> targetFindings = new ConcurrentHashMap<>();

    private HostInspector(Optional<Path> bpftrace, HardwareEventProbe hardwareEventProbe) {
        this.bpftrace = bpftrace;
        this.hardwareEventProbe = hardwareEventProbe;
    }

    /** The inspector of this host: bpftrace from the PATH, hardware events really attached. */
    public static HostInspector ofThisHost() {
        return new HostInspector(findOnPath("bpftrace"), HardwareEventProbe.bpftraceAttach());
    }

    /** Same as {@link #ofThisHost()} but with another answer about hardware events (tests). */
    public static HostInspector withHardwareEventProbe(HardwareEventProbe probe) {
        return new HostInspector(findOnPath("bpftrace"), probe);
    }

    /** Same as {@link #ofThisHost()} with an explicit bpftrace executable (or none). */
    public static HostInspector withBpftrace(Optional<Path> bpftrace) {
        return new HostInspector(bpftrace, HardwareEventProbe.bpftraceAttach());
    }

    /** The bpftrace executable, when there is one. */
    public Optional<Path> bpftrace() {
        return bpftrace;
    }

    /** Every requirement of {@code script}, checked; target requirements only when a pid is given. */
    public ScriptReadiness check(BpfScript script, Optional<TargetJvm> target) {
        List<Finding> findings = new ArrayList<>();
        for (Requirement r : Requirement.values()) {
            if (script.requirements().contains(r)) {
                findings.add(finding(r, target));
            }
        }
        return new ScriptReadiness(script, List.copyOf(findings));
    }

    private Finding finding(Requirement r, Optional<TargetJvm> target) {
        switch (r) {
            case HOTSPOT_USDT:
            case MONITOR_PROBES:
                if (target.isEmpty()) {
                    return Finding.unknown(
                            r, "not checked: a property of the target JVM (give --pid)");
                }
                return targetFindings
                        .computeIfAbsent(target.get().pid(), p -> new EnumMap<>(Requirement.class))
                        .computeIfAbsent(r, x -> targetFinding(x, target.get()));
            default:
                synchronized (hostFindings) {
                    return hostFindings.computeIfAbsent(r, this::hostFinding);
                }
        }
    }

    private Finding hostFinding(Requirement r) {
        switch (r) {
            case BPFTRACE:
                return bpftrace.map(
                                p -> {
                                    Commands.Result v =
                                            Commands.run(List.of(p.toString(), "--version"), 10);
                                    return v.ok()
                                            ? Finding.met(r, v.output().strip() + " at " + p)
                                            : Finding.unmet(
                                                    r,
                                                    p + " --version failed: " + v.output().strip());
                                })
                        .orElseGet(
                                () ->
                                        Finding.unmet(
                                                r,
                                                "bpftrace is not installed (not on the PATH); install it, e.g. apt-get install bpftrace"));
            case PRIVILEGES:
                return privileges();
            case HARDWARE_CACHE_EVENTS:
                return hardwareCacheEvents();
            case TRACEFS:
                for (String dir :
                        List.of("/sys/kernel/tracing/events", "/sys/kernel/debug/tracing/events")) {
                    if (Files.isDirectory(Path.of(dir))) {
                        return Finding.met(r, "tracefs at " + Path.of(dir).getParent());
                    }
                }
                return Finding.unmet(
                        r,
                        "tracefs is not mounted, so tracepoints cannot be found; as root: mount -t tracefs tracefs /sys/kernel/tracing");
            default:
                throw new IllegalArgumentException(r.toString());
        }
    }

    private Finding privileges() {
        Requirement r = Requirement.PRIVILEGES;
        try {
            String uid = "?";
            BigInteger capEff = BigInteger.ZERO;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.split("\\s+")[2];
                } else if (line.startsWith("CapEff:")) {
                    capEff = new BigInteger(line.split("\\s+")[1], 16);
                }
            }
            if ("0".equals(uid)) {
                return Finding.met(r, "running as root");
            }
            if (capEff.testBit(CAP_BPF) && capEff.testBit(CAP_PERFMON)) {
                return Finding.met(r, "uid " + uid + " with CAP_BPF and CAP_PERFMON");
            }
            return Finding.unmet(
                    r,
                    "not privileged: uid "
                            + uid
                            + " without CAP_BPF and CAP_PERFMON; run as root (sudo)");
        } catch (IOException | RuntimeException e) {
            return Finding.unmet(r, "cannot read /proc/self/status: " + e.getMessage());
        }
    }

    private Finding hardwareCacheEvents() {
        Requirement r = Requirement.HARDWARE_CACHE_EVENTS;
        Finding tool = finding(Requirement.BPFTRACE, Optional.empty());
        Finding privileged = finding(Requirement.PRIVILEGES, Optional.empty());
        if (tool.blocks() || privileged.blocks()) {
            boolean pmu = Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu/events"));
            return pmu
                    ? Finding.unknown(
                            r,
                            "a CPU PMU is exposed (/sys/bus/event_source/devices/cpu); not attach-tested without bpftrace and privileges")
                    : Finding.unmet(
                            r,
                            "hardware cache events are not supported on this host: no CPU PMU is exposed to this kernel "
                                    + "(/sys/bus/event_source/devices/cpu is missing), as on virtual machines without a virtual PMU");
        }
        return hardwareEventProbe.probe(bpftrace.orElseThrow());
    }

    private Finding targetFinding(Requirement r, TargetJvm target) {
        if (target.libjvm().isEmpty()) {
            return Finding.unmet(
                    r, "process " + target.pid() + " maps no libjvm.so: not a HotSpot JVM");
        }
        Path libjvm = target.libjvm().get();
        if (r == Requirement.HOTSPOT_USDT) {
            try {
                ElfNotes notes = ElfNotes.read(libjvm);
                if (notes.hasProbe("hotspot", "thread__start")
                        && notes.hasProbe("hotspot", "monitor__contended__enter")) {
                    return Finding.met(r, libjvm + " has HotSpot USDT probes");
                }
                return Finding.unmet(
                        r,
                        libjvm
                                + " was built without HotSpot USDT probes (no hotspot:thread__start in .note.stapsdt); "
                                + "use a JDK built with DTrace/SystemTap support (Debian's OpenJDK, Temurin)");
            } catch (IOException e) {
                return Finding.unmet(r, "cannot read " + libjvm + ": " + e.getMessage());
            }
        }
        return monitorProbes(target);
    }

    private static Finding monitorProbes(TargetJvm target) {
        Requirement r = Requirement.MONITOR_PROBES;
        Optional<Path> jcmd =
                target.binDirectory().map(b -> b.resolve("jcmd")).filter(Files::isExecutable);
        if (jcmd.isPresent()) {
            Commands.Result flags = Commands.run(TargetJvm.jcmdFlags(jcmd.get(), target.pid()), 20);
            if (flags.ok()) {
                boolean on =
                        flags.output()
                                .lines()
                                .anyMatch(
                                        l ->
                                                (l.contains(" DTraceMonitorProbes ")
                                                                || l.contains(
                                                                        " ExtendedDTraceProbes "))
                                                        && l.contains("= true"));
                return on
                        ? Finding.met(
                                r,
                                "DTraceMonitorProbes is on in process "
                                        + target.pid()
                                        + " (jcmd VM.flags)")
                        : Finding.unmet(
                                r,
                                "monitor probes are not enabled in process "
                                        + target.pid()
                                        + " (jcmd VM.flags: DTraceMonitorProbes = false); restart it with -XX:+DTraceMonitorProbes");
            }
        }
        String options = target.commandLineAndOptions();
        boolean on =
                options.contains("-XX:+DTraceMonitorProbes")
                        || options.contains("-XX:+ExtendedDTraceProbes");
        return on
                ? Finding.met(
                        r,
                        "-XX:+DTraceMonitorProbes on the command line of process " + target.pid())
                : Finding.unmet(
                        r,
                        "monitor probes are not enabled in process "
                                + target.pid()
                                + " (no -XX:+DTraceMonitorProbes on its command line; jcmd unavailable); restart it with -XX:+DTraceMonitorProbes");
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
