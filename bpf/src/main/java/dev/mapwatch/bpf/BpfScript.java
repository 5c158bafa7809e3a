package dev.mapwatch.bpf;

import dev.mapwatch.bpf.host.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The bpftrace scripts shipped in {@code bpf/scripts} and on the classpath. */
public enum BpfScript {
    CACHE_MISSES(
            "cache-misses",
            "last-level cache references and misses of one process by thread name, with the miss ratio (like BCC llcstat)",
            false,
            EnumSet.of(
                    Requirement.BPFTRACE,
                    Requirement.PRIVILEGES,
                    Requirement.HARDWARE_CACHE_EVENTS)),
    OFFCPU(
            "offcpu",
            "time the process's threads spend off CPU (blocked or waiting for a CPU) by thread name, from sched:sched_switch",
            false,
            EnumSet.of(Requirement.BPFTRACE, Requirement.PRIVILEGES, Requirement.TRACEFS)),
    JVM_THREADS(
            "jvm-threads",
            "Java threads started and stopped, and their lifetimes, from HotSpot's USDT probes thread__start/thread__stop",
            true,
            EnumSet.of(Requirement.BPFTRACE, Requirement.PRIVILEGES, Requirement.HOTSPOT_USDT)),
    JVM_MONITORS(
            "jvm-monitors",
            "contended monitor waits by class, from HotSpot's USDT probes monitor__contended__enter/entered",
            true,
            EnumSet.of(
                    Requirement.BPFTRACE,
                    Requirement.PRIVILEGES,
                    Requirement.HOTSPOT_USDT,
                    Requirement.MONITOR_PROBES));

    private static final String RESOURCE_DIR = "/dev/mapwatch/bpf/scripts/";

    private final String scriptName;
    private final String summary;
    private final boolean usdt;
    private final Set<Requirement> requirements;

    BpfScript(String scriptName, String summary, boolean usdt, Set<Requirement> requirements) {
        this.scriptName = scriptName;
        this.summary = summary;
        this.usdt = usdt;
        this.requirements = requirements;
    }

    /** The name users type, e.g. {@code cache-misses}; the file is {@code <name>.bt}. */
    public String scriptName() {
        return scriptName;
    }

    /** One line: what the script measures. */
    public String summary() {
        return summary;
    }

    /** Whether bpftrace must be given {@code -p PID} to find the target's USDT probes. */
    public boolean usesUsdt() {
        return usdt;
    }

    /** What the host and target must provide. */
    public Set<Requirement> requirements() {
        return Set.copyOf(requirements);
    }

    /** The script's file name. */
    public String fileName() {
        return scriptName + ".bt";
    }

    /** The script text, from the classpath. */
    public String text() {
        try (InputStream in = BpfScript.class.getResourceAsStream(RESOURCE_DIR + fileName())) {
            if (in == null) {
                throw new IllegalStateException(
                        "script " + fileName() + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script called {@code name} (with or without {@code .bt}). */
    public static Optional<BpfScript> byName(String name) {
        String bare = name.endsWith(".bt") ? name.substring(0, name.length() - 3) : name;
        return Arrays.stream(values()).filter(s -> s.scriptName.equals(bare)).findFirst();
    }

    /** The names, comma separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(BpfScript::scriptName).collect(Collectors.joining(", "));
    }
}
