package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapwatch.report.ReportFixture.CommandResult;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(text.out()).contains("no mapwatch map events in this recording")
                .contains("Lock contention: synchronized").contains("nothing recorded");
    }

    @Test
    void recreatedMapCountsFromZeroAgainAndASingleSampleReportsItsTotals(@TempDir Path dir) throws Exception {
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
        JsonNode once = StrictJson.object(StrictJson.array(json, "maps").get(1));
        assertThat(StrictJson.string(once, "name")).isEqualTo("once");
        assertThat(StrictJson.number(once, "hitRatio")).isEqualTo(0.75);
        assertThat(StrictJson.number(once, "windowSeconds")).isZero();
        assertThat(StrictJson.at(once, "promotionsPerSecond").isNull()).as("promotionsPerSecond is null").isTrue();
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
