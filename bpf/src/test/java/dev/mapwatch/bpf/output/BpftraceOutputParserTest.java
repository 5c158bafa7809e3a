package dev.mapwatch.bpf.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bpf.Captured;
import dev.mapwatch.bpf.output.BpftraceEvent.AttachedProbes;
import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import dev.mapwatch.bpf.output.BpftraceEvent.HistPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.LostEvents;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.Printf;
import dev.mapwatch.bpf.output.BpftraceEvent.Unrecognized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NDJSON parser on bpftrace 0.17 output captured on this machine (resources ndjson/). */
class BpftraceOutputParserTest {

    @Test
    void readsKeyedMapsOfTheCacheMissesScript() {
        List<BpftraceEvent> events = Captured.events("cache-misses.ndjson");
        assertThat(events.get(0)).isEqualTo(new AttachedProbes(4));
        assertThat(events.get(1)).isEqualTo(new MapPrint("@intervals", Map.of("", 1L)));
        assertThat(events.get(2))
                .isEqualTo(
                        new MapPrint(
                                "@references",
                                Map.of(
                                        "VM Periodic Tas",
                                        100_000L,
                                        "pool-1-thread-3",
                                        32_700_000L,
                                        "pool-1-thread-1",
                                        47_700_000L,
                                        "pool-1-thread-2",
                                        51_200_000L)));
        assertThat(events).noneMatch(e -> e instanceof Unrecognized);
    }

    @Test
    void readsMultiKeyMapsWithTheirKeysJoinedByCommas() {
        MapPrint print = (MapPrint) Captured.events("offcpu.ndjson").get(2);
        assertThat(print.map()).isEqualTo("@offcpu_ns");
        assertThat(print.values())
                .containsEntry("pool-1-thread-1,0", 182_437_081L)
                .containsEntry("Monitor Deflati,1", 501_397_576L);
        MapPrint two = (MapPrint) Captured.events("multikey-and-keyed-hist.ndjson").get(1);
        assertThat(two.values())
                .containsEntry("VM Thread,runnable", 1L)
                .containsEntry("swapper/0,blocked", 51L);
    }

    @Test
    void readsHistogramsWithAndWithoutKeys() {
        List<BpftraceEvent> events = Captured.events("multikey-and-keyed-hist.ndjson");
        HistPrint plain = (HistPrint) events.get(2);
        assertThat(plain.map()).isEqualTo("@h");
        assertThat(plain.histograms().get(""))
                .startsWith(new HistBucket(16, 31, 1), new HistBucket(32, 63, 1))
                .endsWith(new HistBucket(4096, 8191, 24))
                .hasSize(9);
        HistPrint keyed = (HistPrint) events.get(3);
        assertThat(keyed.histograms().get("migration/1")).containsExactly(new HistBucket(0, 0, 1));
        assertThat(keyed.histograms().get("kdamond.0"))
                .containsExactly(new HistBucket(16, 31, 1), new HistBucket(32, 63, 1));
        assertThat(events.get(4)).isEqualTo(new MapPrint("@c", Map.of("", 161L)));
        assertThat(events.get(5)).isEqualTo(new Printf("hello 1\n"));
    }

    @Test
    void readsTheUsdtScriptsOutput() {
        List<BpftraceEvent> threads = Captured.events("jvm-threads.ndjson");
        assertThat(threads)
                .contains(
                        new HistPrint(
                                "@lifetime_us",
                                Map.of(
                                        "",
                                        List.of(
                                                new HistBucket(524_288, 1_048_575, 1),
                                                new HistBucket(1_048_576, 2_097_151, 7)))));
        assertThat(threads).contains(new MapPrint("@lifetime_sum_us", Map.of("", 10_830_658L)));
        HistPrint waits =
                (HistPrint)
                        Captured.events("jvm-monitors.ndjson").stream()
                                .filter(e -> e instanceof HistPrint)
                                .findFirst()
                                .orElseThrow();
        assertThat(waits.histograms()).containsOnlyKeys("java/lang/Object");
        assertThat(waits.histograms().get("java/lang/Object").get(0))
                .isEqualTo(new HistBucket(1024, 2047, 71));
    }

    @Test
    void addsUpKeysPrintedTwice() {
        List<BpftraceEvent> events = Captured.events("duplicate-keys.ndjson");
        assertThat(events.get(0))
                .isEqualTo(
                        new MapPrint(
                                "@offcpu_ns",
                                Map.of(
                                        "VM Periodic Tas,blocked",
                                        50_063_415L + 50_078_995L,
                                        "G1 Service,blocked",
                                        91_064_775L)));
        assertThat(events.get(1))
                .isEqualTo(
                        new HistPrint(
                                "@wait_us",
                                Map.of(
                                        "java/lang/Object",
                                        List.of(
                                                new HistBucket(4, 7, 3),
                                                new HistBucket(8, 15, 5)))));
    }

    @Test
    void turnsMalformedLinesIntoUnrecognizedEventsAndGoesOn() {
        List<String> lines = Captured.lines("malformed.ndjson");
        List<BpftraceEvent> events = Captured.events("malformed.ndjson");
        assertThat(events).hasSize(lines.size() - 1); // the blank line is no event
        assertThat(events.get(0)).isEqualTo(new AttachedProbes(3));
        assertThat(events.subList(1, 6))
                .allSatisfy(e -> assertThat(e).isInstanceOf(Unrecognized.class));
        assertThat(((Unrecognized) events.get(1)).reason())
                .contains("Unrecognized token 'Attaching'")
                .endsWith("at column 10");
        assertThat(((Unrecognized) events.get(2)).reason())
                .isEqualTo("unexpected end of line at column 86");
        assertThat(((Unrecognized) events.get(3)).reason())
                .contains("expected an integer, got many");
        assertThat(((Unrecognized) events.get(4)).reason()).contains("unknown type \"tabular\"");
        assertThat(((Unrecognized) events.get(5)).reason()).contains("not an object");
        assertThat(events.get(6)).isInstanceOf(Unrecognized.class); // a bucket without max
        assertThat(events.get(7)).isEqualTo(new LostEvents(12));
        assertThat(events.get(8))
                .isEqualTo(
                        new MapPrint(
                                "@references",
                                Map.of("pool-1-thread-1", 200_000L, "pool-1-thread-2", 100_000L)));
    }

    @Test
    void readsEscapesAndNeverThrows() {
        assertThat(
                        BpftraceOutputParser.parse(
                                "{\"type\": \"printf\", \"data\": \"a\\\"b\\\\c\\u0041\\n\"}"))
                .contains(new Printf("a\"b\\cA\n"));
        for (String bad :
                List.of(
                        "{",
                        "{\"type\"",
                        "\"",
                        "{\"type\": \"map\", \"data\": 3}",
                        "nul",
                        "{\"type\": 1}",
                        "{\"type\": \"map\", \"data\": {\"@a\": 1}} trailing",
                        "{\"type\": \"map\", \"data\": {\"@a\": 1}} {}",
                        "{\"type\": \"printf\", \"data\": \"\\u12\"}",
                        "-",
                        "{\"type\": \"map\", \"data\": {\"@a\": {\"k\": null}}}",
                        "{\"type\": \"map\", \"data\": {\"@a\": {\"k\": null, \"k\": 1}}}",
                        "{\"type\": \"lost_events\", \"data\": {\"events\": 99999999999999999999}}")) {
            assertThat(BpftraceOutputParser.parse(bad)).get().isInstanceOf(Unrecognized.class);
        }
        assertThat(BpftraceOutputParser.parse("   ")).isEmpty();
    }
}
