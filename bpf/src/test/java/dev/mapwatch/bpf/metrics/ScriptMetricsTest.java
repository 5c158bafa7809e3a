package dev.mapwatch.bpf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.BpfScript;
import dev.mapwatch.bpf.Captured;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Captured bpftrace output through {@link ScriptMetrics} to the Prometheus text format. */
class ScriptMetricsTest {

    private static final long PID = 4242;

    private final FamilySet families = new FamilySet();
    private final List<String> problems = new ArrayList<>();

    private String feed(BpfScript script, int maxLabelValues, String... files) throws IOException {
        ScriptMetrics metrics = ScriptMetrics.create(script, PID, maxLabelValues, families);
        metrics.runner().onProblem(problems::add);
        for (String file : files) {
            Captured.events(file).forEach(metrics::accept);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, families.collect());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cacheMissesFoldThreadNamesAndKeepTheLatestTotals() throws IOException {
        String text = feed(BpfScript.CACHE_MISSES, 30, "cache-misses.ndjson");
        // pool-1-thread-{1,2,3} fold into one series: 86.0M + 90.6M + 94.4M in the last print.
        assertThat(text)
                .contains("# TYPE mapwatch_cpu_cache_references_total counter")
                .contains(
                        "mapwatch_cpu_cache_references_total{pid=\"4242\",thread=\"pool-N-thread-N\"} 2.71E8")
                .contains(
                        "mapwatch_cpu_cache_misses_total{pid=\"4242\",thread=\"pool-N-thread-N\"} 1.3022E8")
                .contains(
                        "mapwatch_cpu_cache_misses_total{pid=\"4242\",thread=\"VM Periodic Tas\"} 30000.0")
                .contains(
                        "mapwatch_bpf_parse_errors_total{pid=\"4242\",script=\"cache-misses\"} 0.0");
        // The last interval: references 271.1M - 192.8M, misses 130.25M - 92.90M.
        double ratio = (130_250_000.0 - 92_900_000.0) / (271_100_000.0 - 192_800_000.0);
        assertThat(text).contains("mapwatch_cpu_cache_miss_ratio{pid=\"4242\"} " + ratio);
        assertThat(problems).isEmpty();
    }

    @Test
    void offcpuSplitsTheStateKeyAndConvertsToSeconds() throws IOException {
        String text = feed(BpfScript.OFFCPU, 30, "offcpu.ndjson");
        assertThat(text)
                .contains(
                        "mapwatch_offcpu_seconds_total{pid=\"4242\",state=\"blocked\",thread=\"pool-N-thread-N\"}")
                .contains(
                        "mapwatch_offcpu_seconds_total{pid=\"4242\",state=\"runnable\",thread=\"pool-N-thread-N\"}")
                .contains(
                        "mapwatch_offcpu_seconds_total{pid=\"4242\",state=\"blocked\",thread=\"java\"} 0.146889839");
    }

    @Test
    void threadLabelsOverBudgetBecomeOther() throws IOException {
        String text = feed(BpfScript.OFFCPU, 2, "offcpu.ndjson");
        assertThat(
                        text.lines()
                                .filter(l -> l.startsWith("mapwatch_offcpu_seconds_total"))
                                .map(l -> l.replaceAll(".*thread=\"([^\"]*)\".*", "$1"))
                                .distinct()
                                .sorted())
                .hasSize(3)
                .contains("other", "pool-N-thread-N");
    }

    @Test
    void jvmThreadsExportCountsAndALifetimeHistogramInSeconds() throws IOException {
        String text = feed(BpfScript.JVM_THREADS, 30, "jvm-threads.ndjson");
        assertThat(text)
                .contains(
                        "mapwatch_hotspot_threads_started_total{pid=\"4242\",thread=\"worker-N\"} 8.0")
                .contains(
                        "mapwatch_hotspot_threads_stopped_total{pid=\"4242\",thread=\"worker-N\"} 8.0")
                .contains("# TYPE mapwatch_hotspot_thread_lifetime_seconds histogram")
                // [524288, 1048575] us and [1048576, 2097151] us fall into le 4^10 us and 4^11 us.
                .contains(
                        "mapwatch_hotspot_thread_lifetime_seconds_bucket{pid=\"4242\",le=\"0.262144\"} 0")
                .contains(
                        "mapwatch_hotspot_thread_lifetime_seconds_bucket{pid=\"4242\",le=\"1.048576\"} 1")
                .contains(
                        "mapwatch_hotspot_thread_lifetime_seconds_bucket{pid=\"4242\",le=\"4.194304\"} 8")
                .contains(
                        "mapwatch_hotspot_thread_lifetime_seconds_bucket{pid=\"4242\",le=\"+Inf\"} 8")
                .contains("mapwatch_hotspot_thread_lifetime_seconds_count{pid=\"4242\"} 8")
                .contains("mapwatch_hotspot_thread_lifetime_seconds_sum{pid=\"4242\"} 10.830658");
    }

    @Test
    void monitorWaitsAreKeyedByJavaClassName() throws IOException {
        String text = feed(BpfScript.JVM_MONITORS, 30, "jvm-monitors.ndjson");
        assertThat(text)
                .contains(
                        "mapwatch_hotspot_monitor_wait_seconds_count{class=\"java.lang.Object\",pid=\"4242\"}")
                .contains(
                        "mapwatch_hotspot_monitor_wait_seconds_sum{class=\"java.lang.Object\",pid=\"4242\"} 9.097248");
    }

    @Test
    void malformedAndUnexpectedOutputIsCountedNotFatal() throws IOException {
        String text =
                feed(
                        BpfScript.CACHE_MISSES,
                        30,
                        "malformed.ndjson",
                        "multikey-and-keyed-hist.ndjson");
        // malformed.ndjson: 6 unreadable lines; the other file: 5 prints of maps cache-misses.bt
        // never prints.
        assertThat(text)
                .contains(
                        "mapwatch_bpf_parse_errors_total{pid=\"4242\",script=\"cache-misses\"} 11.0")
                .contains(
                        "mapwatch_bpf_lost_events_total{pid=\"4242\",script=\"cache-misses\"} 12.0")
                .contains(
                        "mapwatch_cpu_cache_references_total{pid=\"4242\",thread=\"pool-N-thread-N\"} 300000.0");
        assertThat(problems)
                .anyMatch(p -> p.contains("unknown type \"tabular\""))
                .anyMatch(p -> p.equals("unexpected map @ns in the output of cache-misses.bt"))
                .anyMatch(p -> p.equals("bpftrace lost 12 events"));
    }

    @Test
    void countersNeverGoDownWhenBpftraceClearsItsMapsAtExit() throws IOException {
        ScriptMetrics metrics = ScriptMetrics.create(BpfScript.JVM_THREADS, PID, 30, families);
        metrics.accept(new MapPrint("@started", Map.of("worker-1", 3L)));
        metrics.accept(new MapPrint("@started", Map.of("worker-1", 0L)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, families.collect());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "mapwatch_hotspot_threads_started_total{pid=\"4242\",thread=\"worker-N\"} 3.0");
    }
}
