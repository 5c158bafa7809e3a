package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapwatch.report.ReportFixture.CommandResult;
import dev.mapwatch.testkit.TestMapEvents;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Recordings made with the {@link Recording} API in the test JVM: one with only the older TLAB
 * allocation events (as old settings files have), spread over several chunks, and without any
 * mapwatch event.
 *
 * <p>A recording started here holds whatever any other recording in this JVM enables, and the maps'
 * periodic statistics cover every live map of the JVM: so this class runs in a JVM of its own
 * ({@code own-jvm}, see report/pom.xml), one test at a time.
 */
@Tag("own-jvm")
@Execution(ExecutionMode.SAME_THREAD)
class ReportInProcessRecordingTest {
    /** Allocated in volume while the recording runs. */
    static final class TlabPayload {
        long a, b, c, d, e, f, g, h;
    }

    private static volatile Object sink;

    @Test
    void olderTlabEventsServeAllocationAndChunksAreCounted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tlab.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            recording.disable("jdk.ObjectAllocationSample");
            recording.start();
            allocate();
            try (Recording second = new Recording()) {
                second.start(); // starting a recording begins a new chunk in every running one
                allocate();
                second.stop();
            }
            recording.stop();
            recording.dump(file);
        }
        CommandResult result = ReportFixture.report(file.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = StrictJson.parse(result.out());
        assertThat(StrictJson.number(json, "recording", "chunks")).isGreaterThanOrEqualTo(2);
        JsonNode allocation = StrictJson.object(json, "allocation");
        assertThat(StrictJson.string(allocation, "source"))
                .isEqualTo("jdk.ObjectAllocationInNewTLAB,jdk.ObjectAllocationOutsideTLAB");
        JsonNode top = StrictJson.object(StrictJson.array(allocation, "byClass", "entries").get(0));
        assertThat(StrictJson.string(top, "name")).isEqualTo(TlabPayload.class.getName());
        assertThat(StrictJson.array(json, "maps")).isEmpty();
        assertThat(StrictJson.array(json, "advice")).isEmpty();

        CommandResult text = ReportFixture.report(file.toString());
        assertThat(text.out())
                .contains("no mapwatch map events in this recording")
                .contains("Lock contention: synchronized")
                .contains("nothing recorded");
    }

    @Test
    void recreatedMapCountsFromZeroAgainAndASingleSampleReportsItsTotals(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("maps.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("mapwatch.MapStatistics");
            recording.start();
            // "cache": 100 hits, then recreated (counters restart) and 40 more: 140 hits in all.
            for (long hits : new long[] {50, 150, 10, 40}) {
                statistics("cache", hits, 0).commit();
            }
            statistics("once", 30, 10).commit();
            recording.stop();
            recording.dump(file);
        }
        CommandResult result = ReportFixture.report(file.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = StrictJson.parse(result.out());
        JsonNode cache = StrictJson.object(StrictJson.array(json, "maps").get(0));
        assertThat(StrictJson.string(cache, "name")).isEqualTo("cache");
        assertThat(StrictJson.number(cache, "hits")).isEqualTo(100 + 10 + 30);
        assertThat(StrictJson.number(cache, "samples")).isEqualTo(4);
        assertThat(
                        StrictJson.number(
                                StrictJson.object(StrictJson.at(cache, "sinceCreation")), "hits"))
                .as("the recreated map's own total")
                .isEqualTo(40);
        JsonNode once = StrictJson.object(StrictJson.array(json, "maps").get(1));
        assertThat(StrictJson.string(once, "name")).isEqualTo("once");
        assertThat(StrictJson.number(once, "hits"))
                .as("nothing measurable inside the recording")
                .isZero();
        assertThat(StrictJson.number(once, "windowSeconds")).isZero();
        assertThat(StrictJson.at(once, "promotionsPerSecond").isNull())
                .as("promotionsPerSecond is null")
                .isTrue();
        JsonNode onceTotals = StrictJson.object(StrictJson.at(once, "sinceCreation"));
        assertThat(StrictJson.number(onceTotals, "hits")).isEqualTo(30);
        assertThat(StrictJson.number(onceTotals, "misses")).isEqualTo(10);
        assertThat(StrictJson.number(onceTotals, "hitRatio")).isEqualTo(0.75);
    }

    @Test
    void aMapsTotalsSinceCreationAndItsFiguresInsideTheRecordingAreBothShownAndLabelled(
            @TempDir Path dir) throws Exception {
        Path file = dir.resolve("totals.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("mapwatch.MapStatistics");
            recording.start();
            // 1,000 hits and 500 misses before the first sample; 100 and 20 more inside the
            // recording.
            statistics("orders", 1_000, 500).commit();
            statistics("orders", 1_100, 520).commit();
            recording.stop();
            recording.dump(file);
        }
        JsonNode orders =
                StrictJson.object(
                        StrictJson.array(
                                        StrictJson.parse(
                                                ReportFixture.report(
                                                                file.toString(), "--format", "json")
                                                        .out()),
                                        "maps")
                                .get(0));
        assertThat(StrictJson.number(orders, "hits")).isEqualTo(100);
        assertThat(StrictJson.number(orders, "misses")).isEqualTo(20);
        JsonNode totals = StrictJson.object(StrictJson.at(orders, "sinceCreation"));
        assertThat(StrictJson.number(totals, "hits")).isEqualTo(1_100);
        assertThat(StrictJson.number(totals, "misses")).isEqualTo(520);

        String text = ReportFixture.report(file.toString()).out();
        int totalsAt = text.indexOf("Maps: totals since each map was created");
        int insideAt = text.indexOf("Maps: inside the recording");
        assertThat(totalsAt).isNotNegative();
        assertThat(insideAt).isGreaterThan(totalsAt);
        assertThat(text.substring(totalsAt, insideAt)).contains("1,620");
        assertThat(text.substring(insideAt)).contains(" 120 ");

        String html = ReportFixture.report(file.toString(), "--format", "html").out();
        assertThat(html)
                .contains("\"sinceCreation\"")
                .contains("since creation")
                .contains("inside the recording");
    }

    @Test
    void aLambdaMonitorIsNamedByItsDeclaringClassAsInTheLiveMetrics(@TempDir Path dir)
            throws Exception {
        Runnable lambdaMonitor = () -> {};
        Path file = dir.resolve("lambda.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaMonitorEnter").withThreshold(java.time.Duration.ZERO);
            recording.start();
            Thread waiter =
                    new Thread(
                            () -> {
                                synchronized (lambdaMonitor) {
                                    sink = lambdaMonitor;
                                }
                            },
                            "lambda-waiter");
            synchronized (lambdaMonitor) {
                waiter.start();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (waiter.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(waiter.getState()).isEqualTo(Thread.State.BLOCKED);
            }
            waiter.join();
            recording.stop();
            recording.dump(file);
        }
        assertThat(lambdaMonitor.getClass().getName()).contains("0x");
        JsonNode json =
                StrictJson.parse(ReportFixture.report(file.toString(), "--format", "json").out());
        java.util.List<String> names =
                StrictJson.array(json, "contention", "monitor", "byClass", "entries").stream()
                        .map(entry -> StrictJson.string(entry, "name"))
                        .toList();
        assertThat(names)
                .contains(ReportInProcessRecordingTest.class.getName() + "$$Lambda")
                .noneMatch(name -> name.contains("0x"));
    }

    private static TestMapEvents.MapStatistics statistics(String map, long hits, long misses) {
        TestMapEvents.MapStatistics e = new TestMapEvents.MapStatistics();
        e.map = map;
        e.strategy = "CONCURRENT";
        e.hits = hits;
        e.misses = misses;
        return e;
    }

    private static void allocate() {
        Object[] ring = new Object[1024];
        for (int i = 0; i < 2_000_000; i++) {
            ring[i & 1023] = new TlabPayload();
        }
        sink = ring;
    }
}
