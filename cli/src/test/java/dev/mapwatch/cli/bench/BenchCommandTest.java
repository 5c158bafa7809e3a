package dev.mapwatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mapwatch.cli.MapwatchCommand;
import dev.mapwatch.workload.MapKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mapwatch bench} through the real command line, with 2 ms slices so that a run (6 maps,
 * 10 slices each) takes well under a second.
 */
class BenchCommandTest {

    private static final String[] TINY = {"--quick", "--slice", "2ms"};

    /** Fails on a repeated key or text after the document, so it also checks the JSON is well formed. */
    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = MapwatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String[] bench(String... args) {
        String[] all = new String[1 + TINY.length + args.length];
        all[0] = "bench";
        System.arraycopy(TINY, 0, all, 1, TINY.length);
        System.arraycopy(args, 0, all, 1 + TINY.length, args.length);
        return all;
    }

    @Test
    void printsOneRowPerMapAndAPickWithItsReason() {
        assertThat(run(bench("--miss-rate", "50", "--read-share", "90%", "--threads", "2")))
                .isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(err.toString()).isEmpty();
        assertThat(lines.get(0))
                .startsWith("mapwatch bench: 50% misses, 90% reads, 2 threads; ")
                .contains("JDK " + Runtime.version())
                .endsWith("; measuring 6 maps for about 1 s");
        assertThat(lines.get(1)).matches("map +M ops/s +min-max +vs best +vs CHM");
        for (int i = 0; i < MapKind.values().length; i++) {
            assertThat(lines.get(2 + i))
                    .startsWith(MapKind.values()[i].name() + " ")
                    .matches(
                            "\\S+ +\\d+\\.\\d\\d +\\d+\\.\\d\\d-\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d.*");
        }
        assertThat(lines.get(2))
                .endsWith("  plain ConcurrentHashMap, not counted (reference)")
                .matches("RAW_CHM .* 1\\.00  plain .*"); // CHM against itself
        assertThat(lines.get(8)).matches("pick: (CONCURRENT|SYNC_MAP|LOCKED|STRIPED|SNAPSHOT), .+");
        assertThat(lines.get(9))
                .startsWith("(median of 5 slices of 2 ms per map after 5 warm-up rounds");
        assertThat(lines).hasSize(10);
    }

    @Test
    void jsonParsesAndNamesWorkloadScoresAndPick() throws Exception {
        assertThat(
                        run(
                                bench(
                                        "--miss-rate",
                                        "0",
                                        "--read-share",
                                        "100",
                                        "--threads",
                                        "1",
                                        "--format",
                                        "json")))
                .isZero();

        JsonNode json = STRICT.readTree(out.toString());
        assertThat(json.get("workload"))
                .isEqualTo(
                        STRICT.readTree("{\"missPercent\":0,\"readPercent\":100,\"threads\":1}"));
        JsonNode settings = json.get("settings");
        assertThat(settings.get("sliceSeconds").doubleValue()).isEqualTo(0.002);
        assertThat(settings.get("warmupRounds").intValue()).isEqualTo(5);
        assertThat(settings.get("rounds").intValue()).isEqualTo(5);
        assertThat(json.get("unit").textValue()).isEqualTo("ops/us");
        List<JsonNode> scores = new ArrayList<>();
        json.get("scores").forEach(scores::add);
        assertThat(scores)
                .extracting(s -> s.get("map").textValue())
                .containsExactly(
                        Arrays.stream(MapKind.values()).map(Enum::name).toArray(String[]::new));
        assertThat(scores)
                .allSatisfy(
                        s ->
                                assertThat(s.get("min").doubleValue())
                                        .isPositive()
                                        .isLessThanOrEqualTo(s.get("median").doubleValue()));
        assertThat(scores.get(0).get("vsConcurrentHashMap").doubleValue()).isEqualTo(1.0);
        // The fastest counted map is the "best": exactly 1 against itself, nothing counted above
        // it.
        assertThat(scores.subList(1, scores.size()))
                .extracting(s -> s.get("vsBest").doubleValue())
                .contains(1.0)
                .allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(1.0));
        assertThat(json.get("pick").textValue())
                .isIn("CONCURRENT", "SYNC_MAP", "LOCKED", "STRIPED", "SNAPSHOT");
        assertThat(json.get("reason").textValue()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--miss-rate|101|mapwatch: Invalid value for option '--miss-rate': '101' is not a whole percentage from 0 to 100, e.g. 50 (see 'mapwatch bench --help')",
                "--read-share|half|mapwatch: Invalid value for option '--read-share': 'half' is not a whole percentage from 0 to 100, e.g. 50 (see 'mapwatch bench --help')",
                "--threads|0|mapwatch: --threads must be from 1 to 256, got 0 (see 'mapwatch bench --help')",
                "--slice|0ms|mapwatch: --slice must be more than 0 and at most 10s, got 0ms (see 'mapwatch bench --help')",
                "--format|xml|mapwatch: Invalid value for option '--format': expected one of [text, json] (case-sensitive) but was 'xml' (see 'mapwatch bench --help')",
                "--bogus|1|mapwatch: Unknown options: '--bogus', '1' (see 'mapwatch bench --help')",
            })
    void badOptionsExitTwoWithOneLine(String option, String value, String message) {
        assertThat(run("bench", option, value)).isEqualTo(MapwatchCommand.USAGE);

        assertThat(err.toString().lines()).containsExactly(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpNamesTheOptionsAndExitCodes() {
        assertThat(run("bench", "--help")).isZero();

        assertThat(out.toString())
                .contains(
                        "Usage: mapwatch bench",
                        "--quick",
                        "--miss-rate=<percent>",
                        "--read-share=<percent>",
                        "--threads=<n>",
                        "--slice=<duration>",
                        "--format=<format>",
                        "Exit codes:",
                        "2   usage error");
    }
}
