package dev.mapwatch.bpf.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the host can tell about a target process: is it a HotSpot JVM, where is its libjvm.so. */
public final class TargetJvm {

    private final long pid;
    private final Optional<Path> libjvm;

    private TargetJvm(long pid, Optional<Path> libjvm) {
        this.pid = pid;
        this.libjvm = libjvm;
    }

    /** Inspects a live process; empty when no process has that pid. */
    public static Optional<TargetJvm> of(long pid) {
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new TargetJvm(pid, findLibjvm(pid)));
    }

    public long pid() {
        return pid;
    }

    /**
     * libjvm.so as mapped by the target, reachable from here through {@code /proc/PID/root}
     * (right for targets in containers too); empty when the process maps no libjvm.so.
     */
    public Optional<Path> libjvm() {
        return libjvm;
    }

    /** The JDK's bin/ directory next to libjvm.so (lib/server/libjvm.so -> bin/). */
    Optional<Path> binDirectory() {
        return libjvm.map(Path::getParent)
                .map(Path::getParent)
                .map(Path::getParent)
                .map(jdk -> jdk.resolve("bin"));
    }

    /** The target's command line and JVM option variables, for flag detection without jcmd. */
    String commandLineAndOptions() {
        StringBuilder sb = new StringBuilder();
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            sb.append(
                    new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' '));
            for (String var :
                    new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8)
                            .split("\0")) {
                if (var.startsWith("JAVA_TOOL_OPTIONS=")
                        || var.startsWith("JDK_JAVA_OPTIONS=")
                        || var.startsWith("_JAVA_OPTIONS=")) {
                    sb.append(' ').append(var.substring(var.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            // The process may have exited; what we have is all there is.
        }
        return sb.toString();
    }

    private static Optional<Path> findLibjvm(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<String> lines = Files.lines(proc.resolve("maps"))) {
            return lines.map(l -> l.split("\\s+", 6))
                    .filter(f -> f.length == 6 && f[5].endsWith("/libjvm.so"))
                    .map(f -> Path.of(proc.resolve("root").toString() + f[5]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> jcmdFlags(Path jcmd, long pid) {
        return List.of(jcmd.toString(), Long.toString(pid), "VM.flags", "-all");
    }
}
