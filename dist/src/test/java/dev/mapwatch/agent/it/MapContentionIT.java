package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.cache.SlowCacheApp;
import dev.mapwatch.testkit.ChildJvm;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contention named by map: an application that knows nothing of mapwatch ({@link SlowCacheApp})
 * loads keys of one cache with a slow function inside the map's bin lock while {@value #THREADS}
 * threads ask for the same new key, beside a busy map nobody waits on. Under the real agent jar
 * with {@code maps=}, each wait above the threshold counts exactly once on the slow map's {@code
 * mapwatch_map_lock_contention_seconds{mode="write"}}, none on the busy map, and still on the
 * JVM-wide class row; at start-up and after an attach.
 *
 * <p>Why exact: each round's first mapping function sleeps {@value #SLEEP_MILLIS} ms holding the
 * bin's lock, the other {@value #THREADS}{@code - 1} threads (released together by a barrier) block
 * on it once each, far above the {@value #THRESHOLD_MILLIS} ms threshold; the functions after the
 * first return at once, so the short waits that follow stay below it.
 */
class MapContentionIT {

    private static final int ROUNDS = 3;
    private static final int THREADS = 4;
    private static final long SLEEP_MILLIS = 300;
    private static final long THRESHOLD_MILLIS = 50;
    private static final String SLOW = "com.example.cache.SlowCacheApp.SLOW";
    private static final String BUSY = "com.example.cache.SlowCacheApp.BUSY";
    private static final String FAMILY = "mapwatch_map_lock_contention_seconds";
    private static final Pattern ATTACHED =
            Pattern.compile("^mapwatch agent serving (http://\\S+/metrics) in JVM \\d+$");

    @ParameterizedTest
    @ValueSource(strings = {"computeIfAbsent", "compute", "merge"})
    void everyWaitOnTheSlowMapsBinLockCountsOnceOnThatMap(String op) {
        try (ChildJvm child =
                ChildJvm.start(
                        "port=0,maps=com.example.cache,lockThreshold=" + THRESHOLD_MILLIS + "ms",
                        SlowCacheApp.class)) {
            child.awaitStdout(Pattern.compile("^ready \\d+$"));
            String endpoint = child.awaitEndpoint();
            assertRounds(child, endpoint, op);
        }
    }

    @Test
    void afterAnAttachTheWaitsFromThenOnCountOnTheMap() {
        try (ChildJvm child = ChildJvm.start(null, SlowCacheApp.class)) {
            Matcher ready = child.awaitStdout(Pattern.compile("^ready (\\d+)$"));
            Cli.Result attach =
                    Cli.run(
                            "attach",
                            ready.group(1),
                            "port=0",
                            "maps=com.example.cache",
                            "lockThreshold=" + THRESHOLD_MILLIS + "ms");
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            Matcher serving = ATTACHED.matcher(attach.out().strip());
            assertThat(serving.matches()).as(attach.out()).isTrue();
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: counting maps in com\\.example\\.cache: \\d+ loaded classes retransformed in \\d+ ms$"));
            assertRounds(child, serving.group(1), "computeIfAbsent");
        }
    }

    private static void assertRounds(ChildJvm child, String endpoint, String op) {
        assertThat(
                        child.command(
                                "rounds " + op + " " + ROUNDS + " " + THREADS + " " + SLEEP_MILLIS))
                .isEqualTo("ok");
        long loads = Long.parseLong(child.awaitStdout(Pattern.compile("^loads (\\d+)$")).group(1));
        long busyMerges =
                Long.parseLong(child.awaitStdout(Pattern.compile("^busy (\\d+)$")).group(1));
        long waits = (long) ROUNDS * (THREADS - 1);
        assertComputeTimes(endpoint, op, loads, busyMerges);
        Map<String, String> slow =
                Map.of("map", SLOW, "strategy", "ConcurrentHashMap", "mode", "write");
        Scrape.until(endpoint, FAMILY + "_count", slow, count -> count >= waits);
        // Longer than JFR's one-second flush: a late wait would have arrived.
        Scrape scrape =
                Scrape.settled(
                        endpoint, FAMILY + "_count", Map.of(), java.time.Duration.ofMillis(2500));
        System.out.printf(
                "MapContentionIT %s: %s%n",
                op,
                scrape.body()
                        .lines()
                        .filter(
                                line ->
                                        line.startsWith(FAMILY)
                                                || line.startsWith(
                                                        "mapwatch_lock_contention_seconds_count{class=\"java.util.concurrent.ConcurrentHashMap"))
                        .toList());
        assertThat(scrape.sum(FAMILY + "_count", slow))
                .as("waits on the slow map")
                .isEqualTo(waits);
        double sum = scrape.sum(FAMILY + "_sum", slow);
        assertThat(sum)
                .as("seconds waited on the slow map")
                .isBetween(
                        waits * THRESHOLD_MILLIS / 1000.0, waits * (SLEEP_MILLIS + 1000) / 1000.0);
        assertThat(scrape.sum(FAMILY + "_max", slow))
                .isBetween(THRESHOLD_MILLIS / 1000.0, (SLEEP_MILLIS + 1000) / 1000.0);
        assertThat(scrape.samples().labelValues(FAMILY + "_count", "map"))
                .as("maps with waits")
                .containsExactly(SLOW);
        assertThat(scrape.sum(FAMILY + "_count", Map.of("map", BUSY))).isZero();
        String lockClass =
                op.equals("merge")
                        ? "java.util.concurrent.ConcurrentHashMap$Node"
                        : "java.util.concurrent.ConcurrentHashMap$ReservationNode";
        assertThat(
                        scrape.sum(
                                "mapwatch_lock_contention_seconds_count",
                                Map.of("class", lockClass, "kind", "monitor")))
                .as("the JVM-wide row of the lock's class")
                .isGreaterThanOrEqualTo(waits);
    }

    /**
     * {@code mapwatch_map_compute_seconds}: the slow map's count is the number of times its
     * functions ran (one load a round for {@code computeIfAbsent}, every caller's for the others), its
     * sum at least the rounds' slow runs; the busy map's count is its merges that ran the function
     * (all but the first of each of its 128 keys).
     */
    private static void assertComputeTimes(
            String endpoint, String op, long loads, long busyMerges) {
        assertThat(loads)
                .as("runs of the slow map's functions")
                .isEqualTo(op.equals("computeIfAbsent") ? ROUNDS : (long) ROUNDS * THREADS);
        String family = "mapwatch_map_compute_seconds";
        Map<String, String> slow = Map.of("map", SLOW, "strategy", "ConcurrentHashMap");
        Map<String, String> busy = Map.of("map", BUSY, "strategy", "ConcurrentHashMap");
        Scrape scrape = Scrape.until(endpoint, family + "_count", slow, count -> count >= loads);
        scrape =
                Scrape.until(endpoint, family + "_count", busy, count -> count >= busyMerges - 128);
        assertThat(scrape.sum(family + "_count", slow)).isEqualTo(loads);
        assertThat(scrape.sum(family + "_sum", slow))
                .as("seconds the slow map's functions ran")
                .isBetween(ROUNDS * SLEEP_MILLIS / 1000.0, ROUNDS * (SLEEP_MILLIS + 1000) / 1000.0);
        assertThat(scrape.sum(family + "_max", slow))
                .isBetween(SLEEP_MILLIS / 1000.0, (SLEEP_MILLIS + 1000) / 1000.0);
        assertThat(scrape.sum(family + "_count", busy)).isEqualTo(busyMerges - 128);
    }
}
