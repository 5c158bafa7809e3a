package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.host.Requirement;
import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import dev.mapwatch.bpf.output.BpftraceEvent.HistPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import dev.mapwatch.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * jvm-threads.bt for real: a child JVM of the JDK under test starts exactly N named threads
 * after the script attached, and exactly N are counted. Both Debian's OpenJDK 17 and Temurin 25
 * ship libjvm.so with USDT probes, so the child is always the JDK under test; a JDK without
 * them (a capability, nothing to install) makes the test check the runner's refusal instead.
 */
class JvmThreadsScriptTest {

    private static final int N = 7;

    @Test
    void countsExactlyTheThreadsStartedWhileAttached() throws Exception {
        Path bpftrace = SystemParts.requireBpftrace();
        try (ChildJvm child = TraceTarget.start()) {
            if (!SystemParts.hasCapabilities(
                    BpfScript.JVM_THREADS, child.pid(), Requirement.HOTSPOT_USDT)) {
                return;
            }
            try (BpftraceSession session =
                    BpftraceSession.attach(bpftrace, BpfScript.JVM_THREADS, child.pid())) {
                child.command("threads " + N, Duration.ofSeconds(30));

                Map<String, Long> started =
                        session.await(e -> workers(e, "@started"), Duration.ofSeconds(20));
                Map<String, Long> stopped =
                        session.await(e -> workers(e, "@stopped"), Duration.ofSeconds(20));
                long lifetimes =
                        session.await(
                                e ->
                                        e instanceof HistPrint h && h.map().equals("@lifetime_us")
                                                ? Optional.of(
                                                        h.histograms().get("").stream()
                                                                .mapToLong(HistBucket::count)
                                                                .sum())
                                                : Optional.empty(),
                                Duration.ofSeconds(20));

                Map<String, Long> expected = new TreeMap<>();
                for (int i = 0; i < N; i++) {
                    expected.put("churn-worker-" + i, 1L);
                }
                assertThat(started).isEqualTo(expected);
                assertThat(stopped).isEqualTo(expected);
                assertThat(lifetimes).isGreaterThanOrEqualTo(N);
            }
        }
    }

    /** The churn workers of a print of {@code map}, once all N have been seen. */
    private static Optional<Map<String, Long>> workers(Object event, String map) {
        if (!(event instanceof MapPrint p) || !p.map().equals(map)) {
            return Optional.empty();
        }
        Map<String, Long> workers = new TreeMap<>();
        p.values()
                .forEach(
                        (name, count) -> {
                            if (name.startsWith("churn-worker-")) {
                                workers.put(name, count);
                            }
                        });
        return workers.size() >= N ? Optional.of(workers) : Optional.empty();
    }
}
