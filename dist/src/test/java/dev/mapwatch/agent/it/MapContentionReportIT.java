package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.cache.SlowCacheApp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident recording tells the whole story: {@link SlowCacheApp} runs {@value #ROUNDS} rounds
 * of {@value #THREADS} threads onto {@code computeIfAbsent} of one new key whose function waits
 * {@value #SLEEP_MILLIS} ms for a reply (parked, inside the bin's lock), beside a busy map, under the
 * real agent jar with {@code maps=}; then {@code jcmd <pid> JFR.dump} of the agent's own recording,
 * and the real {@code mapwatch report} on it, in JSON and text. The report names the slow map in
 * its contention by map with exactly {@code rounds x (threads - 1)} waits, the application's call
 * site as the waiting site and its mapping function as the holding site, both maps with their exact
 * totals, and the slow-mapping-function advice.
 *
 * <p>Exact as in {@code MapContentionIT}: each round's first function holds the lock far above the
 * {@value #THRESHOLD_MILLIS} ms threshold while the others block on it once each. The totals: per
 * round one miss that loads and puts, {@code threads - 1} hits; every merge into the busy map is a
 * put (the app prints how many). A dump is taken until the last periodic statistics (one a second)
 * carry those totals.
 */
class MapContentionReportIT {

    private static final int ROUNDS = 3;
    private static final int THREADS = 4;
    private static final long SLEEP_MILLIS = 300;
    private static final long THRESHOLD_MILLIS = 50;
    private static final String SLOW = "com.example.cache.SlowCacheApp.SLOW";
    private static final String BUSY = "com.example.cache.SlowCacheApp.BUSY";
    private static final String APP = "com.example.cache.SlowCacheApp";

    /** SlowCacheApp's rewritten call sites: SLOW's computeIfAbsent, compute, merge and put, BUSY's merge. */
    private static final int CALL_SITES = 5;

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Test
    void theDumpOfTheAgentsRecordingNamesTheSlowMapItsSitesAndWhatToDo(@TempDir Path dir) {
        long waits = (long) ROUNDS * (THREADS - 1);
        try (ChildJvm child =
                ChildJvm.start(
                        "port=0,maps=com.example.cache,lockThreshold=" + THRESHOLD_MILLIS + "ms",
                        SlowCacheApp.class)) {
            child.awaitStdout(Pattern.compile("^ready \\d+$"));
            child.awaitEndpoint();
            assertThat(
                            child.command(
                                    "rounds computeIfAbsent "
                                            + ROUNDS
                                            + " "
                                            + THREADS
                                            + " "
                                            + SLEEP_MILLIS
                                            + " wait",
                                    Duration.ofSeconds(60)))
                    .isEqualTo("ok");
            long busy =
                    Long.parseLong(child.awaitStdout(Pattern.compile("^busy (\\d+)$")).group(1));
            assertThat(busy).as("merges into the busy map").isGreaterThan(128);

            AtomicInteger dumps = new AtomicInteger();
            JsonNode report =
                    Poll.until(
                            Duration.ofSeconds(45),
                            () -> {
                                Path dump =
                                        dir.resolve("incident-" + dumps.incrementAndGet() + ".jfr");
                                dump(child.pid(), dump);
                                return reportJson(dump);
                            },
                            json -> complete(json, busy, waits));
            Path recording = dir.resolve("incident-" + dumps.get() + ".jfr");
            System.out.printf(
                    "MapContentionReportIT: %d dumps, %s%n",
                    dumps.get(), report.at("/contention/byMap"));

            assertThat(complete(report, busy, waits))
                    .as(
                            "the last dump has every wait and the final totals: %s",
                            report.at("/contention/byMap"))
                    .isTrue();
            assertThat(report.at("/recording/jvm/version").isTextual())
                    .as("jdk.JVMInformation")
                    .isTrue();
            JsonNode byMap = report.at("/contention/byMap");
            assertThat(byMap.get("callSites").asInt()).isEqualTo(CALL_SITES);
            assertThat(byMap.get("count").asLong()).isEqualTo(waits);
            assertThat(byMap.at("/unattributed/count").asLong())
                    .as("waits on map internals without a site")
                    .isZero();
            assertThat(byMap.get("entries")).hasSize(1);
            JsonNode slow = byMap.get("entries").get(0);
            assertThat(slow.get("name").asText()).isEqualTo(SLOW);
            assertThat(slow.get("strategy").asText()).isEqualTo("ConcurrentHashMap");
            assertThat(slow.get("count").asLong()).as("waits on the slow map").isEqualTo(waits);
            assertThat(slow.get("total").asDouble())
                    .isBetween(
                            waits * THRESHOLD_MILLIS / 1000.0,
                            waits * (SLEEP_MILLIS + 1000) / 1000.0);
            assertThat(slow.get("max").asDouble())
                    .isBetween(THRESHOLD_MILLIS / 1000.0, (SLEEP_MILLIS + 1000) / 1000.0);
            JsonNode waiting = slow.at("/waitingSites/entries");
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0).get("name").asText())
                    .matches(Pattern.quote(APP) + "\\.call:\\d+ \\(computeIfAbsent\\)");
            assertThat(waiting.get(0).get("count").asLong()).isEqualTo(waits);
            JsonNode holding = slow.at("/holdingSites/entries");
            assertThat(holding).as("the functions' parks inside the lock").hasSize(1);
            assertThat(holding.get(0).get("name").asText())
                    .matches(
                            Pattern.quote(APP)
                                    + "\\.lambda\\$call\\$\\d+:\\d+ \\(computeIfAbsent at "
                                    + Pattern.quote(APP)
                                    + "\\.call:\\d+\\)");
            // One park per round (a spurious wake-up may split one; each part still inside the
            // lock).
            assertThat(holding.get(0).get("count").asLong()).isBetween((long) ROUNDS, 2L * ROUNDS);
            assertThat(slow.at("/holdingSites/total").asDouble())
                    .isGreaterThanOrEqualTo(
                            ROUNDS * (SLEEP_MILLIS - 2 * THRESHOLD_MILLIS) / 1000.0);
            assertThat(report.at("/contention/monitor/bySite/entries/0/name").asText())
                    .as("the monitor's site is the application's, not the agent's helper")
                    .startsWith(APP + ".call:");

            JsonNode slowMap = map(report, SLOW);
            assertThat(slowMap.get("source").asText()).isEqualTo("callSites");
            assertThat(slowMap.get("lockWaits").isNull())
                    .as("its statistics count no waits")
                    .isTrue();
            assertThat(slowMap.get("size").asLong()).isEqualTo(ROUNDS);
            JsonNode busyMap = map(report, BUSY);
            assertThat(busyMap.get("size").asLong()).isEqualTo(128);

            List<JsonNode> advice = new ArrayList<>();
            report.get("advice").forEach(advice::add);
            assertThat(advice).hasSize(1);
            assertThat(advice.get(0).get("map").asText()).isEqualTo(SLOW);
            assertThat(advice.get(0).get("rule").asText()).isEqualTo("slow-mapping-function");
            assertThat(advice.get(0).get("reason").asText())
                    .contains("waited " + waits + " times")
                    .contains("Caffeine's AsyncLoadingCache")
                    .contains(APP + ".lambda$call$");

            Cli.Result text = Cli.run("report", recording.toString());
            assertThat(text.exitCode()).as(text.err()).isZero();
            String out = text.out();
            String section =
                    out.substring(out.indexOf("Lock contention by map"), out.indexOf("Allocation"));
            assertThat(section)
                    .containsPattern(
                            "(?m)^  "
                                    + Pattern.quote(SLOW)
                                    + "\\s+ConcurrentHashMap\\s+"
                                    + waits
                                    + "\\s")
                    .containsPattern(
                            "(?m)^    "
                                    + Pattern.quote(APP)
                                    + "\\.call:\\d+ \\(computeIfAbsent\\)\\s+"
                                    + waits
                                    + "\\s")
                    .contains(APP + ".lambda$call$")
                    .contains(CALL_SITES + " call sites of maps= in the recording");
            String totals = out.substring(out.indexOf("Maps: totals"), out.indexOf("Maps: inside"));
            assertThat(totals)
                    .containsPattern(
                            "(?m)^  "
                                    + Pattern.quote(SLOW)
                                    + "\\s+ConcurrentHashMap\\s+"
                                    + ROUNDS * THREADS
                                    + "\\s+75\\.0%\\s+"
                                    + ROUNDS
                                    + "\\s+0\\s+0\\s+-\\s+-\\s+"
                                    + ROUNDS
                                    + "\\s")
                    .containsPattern(
                            "(?m)^  "
                                    + Pattern.quote(BUSY)
                                    + "\\s+ConcurrentHashMap\\s+0\\s+n/a\\s+"
                                    + String.format(java.util.Locale.ROOT, "%,d", busy)
                                    + "\\s");
            assertThat(out)
                    .contains(SLOW + " (ConcurrentHashMap): use a load outside the lock")
                    .contains("[slow-mapping-function]");
        }
    }

    /** Whether {@code json}'s last statistics and contention have everything the rounds did. */
    private static boolean complete(JsonNode json, long busy, long waits) {
        if (json == null || json.at("/contention/byMap/count").asLong() != waits) {
            return false;
        }
        JsonNode slow = map(json, SLOW);
        JsonNode busyMap = map(json, BUSY);
        return slow != null
                && busyMap != null
                && slow.at("/sinceCreation/hits").asLong() == (long) ROUNDS * (THREADS - 1)
                && slow.at("/sinceCreation/misses").asLong() == ROUNDS
                && slow.at("/sinceCreation/puts").asLong() == ROUNDS
                && slow.at("/sinceCreation/removals").asLong() == 0
                && busyMap.at("/sinceCreation/puts").asLong() == busy
                && busyMap.at("/sinceCreation/hits").asLong() == 0
                && busyMap.at("/sinceCreation/misses").asLong() == 0
                && busyMap.at("/sinceCreation/removals").asLong() == 0;
    }

    private static JsonNode map(JsonNode json, String name) {
        return StreamSupport.stream(json.get("maps").spliterator(), false)
                .filter(m -> name.equals(m.get("name").asText()))
                .findFirst()
                .orElse(null);
    }

    private static JsonNode reportJson(Path recording) {
        Cli.Result result = Cli.run("report", recording.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        try {
            return JSON.readTree(result.out());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + result.out(), e);
        }
    }

    /** {@code jcmd <pid> JFR.dump filename=<file>}, as the agent's README tells users. */
    private static void dump(long pid, Path file) {
        try {
            Process jcmd =
                    new ProcessBuilder(
                                    ChildJvm.javaHome().resolve("bin/jcmd").toString(),
                                    Long.toString(pid),
                                    "JFR.dump",
                                    "filename=" + file)
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(
                            jcmd.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)
                    || jcmd.exitValue() != 0
                    || !Files.isRegularFile(file)) {
                throw new AssertionError("jcmd JFR.dump failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
