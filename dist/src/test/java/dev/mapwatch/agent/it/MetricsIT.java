package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A workload with known quantities, watched by the real agent in a child JVM, scraped over HTTP:
 * exact figures where JFR reports every event (threads, contended monitor entries), lower bounds
 * where it samples (allocation). Each test has its own child, so their figures do not mix.
 */
class MetricsIT {

    /** The {@code handler} value of an error counter sample. */
    private static final Pattern ERRORS_HANDLER =
            Pattern.compile("^mapwatch_agent_errors_total\\{.*handler=\"([^\"]+)\"");

    private static final String STARTED = "mapwatch_threads_started_total";
    private static final String ENDED = "mapwatch_threads_ended_total";
    private static final String LIFETIMES = "mapwatch_thread_lifetime_seconds_count";
    private static final String CONTENTION = "mapwatch_lock_contention_seconds_count";
    private static final String ALLOCATION = "mapwatch_allocation_bytes_total";

    @Test
    void countsExactlyThePlatformThreadsStartedAndEnded() {
        Map<String, String> platform = Map.of("kind", "platform");
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitCollecting();
            // A quiet baseline: the agent's own HTTP thread exists from the first request on, and
            // JFR has delivered every start before this point.
            Scrape before = Scrape.settled(endpoint, STARTED, platform, Duration.ofMillis(1500));
            int n = 7;
            assertThat(child.command("threads " + n)).isEqualTo("ok");
            Scrape.until(endpoint, ENDED, platform, v -> v >= before.sum(ENDED, platform) + n);
            Scrape after =
                    Scrape.until(
                            endpoint,
                            LIFETIMES,
                            platform,
                            v -> v >= before.sum(LIFETIMES, platform) + n);
            assertThat(after.sum(STARTED, platform) - before.sum(STARTED, platform)).isEqualTo(n);
            assertThat(after.sum(ENDED, platform) - before.sum(ENDED, platform)).isEqualTo(n);
            assertThat(after.sum(LIFETIMES, platform) - before.sum(LIFETIMES, platform))
                    .isEqualTo(n);
            assertThat(after.sum("mapwatch_threads_live", platform)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void countsExactlyTheVirtualThreadsOnJdksThatHaveThem() {
        Map<String, String> virtual = Map.of("kind", "virtual");
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitCollecting();
            int m = 11;
            String done = child.command("virtual " + m);
            if (ChildJvm.javaFeatureVersion() < 21) {
                assertThat(done).isEqualTo("unsupported");
                assertThat(Scrape.metrics(endpoint).sum(STARTED, virtual)).isZero();
                return;
            }
            assertThat(done).isEqualTo("ok");
            Scrape after = Scrape.until(endpoint, ENDED, virtual, v -> v >= m);
            assertThat(after.sum(STARTED, virtual)).isEqualTo(m);
            assertThat(after.sum(ENDED, virtual)).isEqualTo(m);
            assertThat(after.sum("mapwatch_threads_live", virtual)).isZero();
        }
    }

    @Test
    void recordsContentionAboveTheThresholdByClassAndAllocationByClass() {
        try (ChildJvm child = ChildJvm.start("port=0,lockThreshold=20ms", Workload.class)) {
            String endpoint = child.awaitCollecting();
            Map<String, String> monitor =
                    Map.of("kind", "monitor", "class", Workload.ContendedMonitor.class.getName());
            Map<String, String> park = Map.of("kind", "park");
            Map<String, String> payload = Map.of("class", Workload.Payload.class.getName());
            int waiters = 3;
            assertThat(child.command("monitor " + waiters + " 200")).isEqualTo("ok");
            assertThat(child.command("park 2 200")).isEqualTo("ok");
            assertThat(child.command("allocate 256")).isEqualTo("ok");
            assertThat(child.command("monitor-lambda 2 200")).isEqualTo("ok");
            Scrape after = Scrape.until(endpoint, CONTENTION, monitor, v -> v >= waiters);
            assertThat(after.sum(CONTENTION, monitor)).isEqualTo(waiters);
            assertThat(after.sum("mapwatch_lock_contention_seconds_sum", monitor))
                    .as("each waiter blocked about 200 ms")
                    .isGreaterThan(waiters * 0.15);
            Scrape parked = Scrape.until(endpoint, CONTENTION, park, v -> v >= 2);
            assertThat(parked.sum(CONTENTION, park)).isGreaterThanOrEqualTo(2);
            // JFR samples allocation: its estimate of 256 MB of Payload is never exact, but not
            // tiny.
            Scrape allocated =
                    Scrape.until(endpoint, ALLOCATION, payload, v -> v >= 16 * 1024 * 1024);
            assertThat(allocated.sum(ALLOCATION, payload)).isGreaterThanOrEqualTo(16 * 1024 * 1024);
            assertEveryFamilyIsCatalogued(allocated);
            // The lambda's class is named without the address and counter this JDK gave it.
            Map<String, String> lambda =
                    Map.of("kind", "monitor", "class", Workload.class.getName() + "$$Lambda");
            Scrape lambdas = Scrape.until(endpoint, CONTENTION, lambda, v -> v >= 2);
            assertThat(lambdas.sum(CONTENTION, lambda)).isEqualTo(2);
            assertThat(lambdas.body().lines().filter(l -> l.startsWith("mapwatch_")))
                    .noneMatch(line -> line.contains("0x") || line.contains("$$Lambda$"));
        }
    }

    /** Every mapwatch family the agent serves has its row in docs/metrics.md. */
    private static void assertEveryFamilyIsCatalogued(Scrape scrape) {
        String catalogue;
        try {
            catalogue =
                    Files.readString(
                            Path.of(
                                    System.getProperty(
                                            "mapwatch.docs.metrics", "../docs/metrics.md")));
        } catch (IOException e) {
            throw new AssertionError("docs/metrics.md unreadable", e);
        }
        List<String> families =
                scrape.body()
                        .lines()
                        .filter(line -> line.startsWith("# TYPE mapwatch_"))
                        .map(line -> line.split(" ")[2])
                        .toList();
        assertThat(families)
                .contains(
                        "mapwatch_agent_info",
                        "mapwatch_agent_errors_total",
                        "mapwatch_lock_contention_seconds",
                        "mapwatch_allocation_bytes_total");
        assertThat(families)
                .allSatisfy(family -> assertThat(catalogue).contains("| `" + family + "` |"));
        // Every handler label value served (each enabled handler, `stream`, `http`) is documented
        // in its row.
        String errorsRow =
                catalogue
                        .lines()
                        .filter(line -> line.startsWith("| `mapwatch_agent_errors_total` |"))
                        .findFirst()
                        .orElseThrow();
        List<String> handlers =
                scrape.body()
                        .lines()
                        .map(ERRORS_HANDLER::matcher)
                        .filter(Matcher::find)
                        .map(m -> m.group(1))
                        .toList();
        assertThat(handlers)
                .contains("http", "stream", "jdk.ThreadStart", "mapwatch.MapStatistics");
        assertThat(handlers)
                .allSatisfy(handler -> assertThat(errorsRow).contains("`" + handler + "`"));
    }

    @Test
    void countsExactlyTheHitsAndMissesOfTheApplicationsWatchedMap() {
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitCollecting();
            assertThat(child.command("map orders CONCURRENT 1234 567")).isEqualTo("ok");
            Map<String, String> hits =
                    Map.of("map", "orders", "strategy", "CONCURRENT", "result", "hit");
            Map<String, String> misses =
                    Map.of("map", "orders", "strategy", "CONCURRENT", "result", "miss");
            Scrape.until(endpoint, "mapwatch_map_lookups_total", misses, v -> v >= 567);
            // The map's figures are final now. The scrape that first saw them may have read some of
            // its meters before the statistics were published and some after; the next one reads
            // all of them after.
            Scrape after = Scrape.metrics(endpoint);
            assertThat(after.sum("mapwatch_map_lookups_total", hits)).isEqualTo(1234);
            assertThat(after.sum("mapwatch_map_lookups_total", misses)).isEqualTo(567);
            assertThat(after.sum("mapwatch_map_puts_total", Map.of("map", "orders"))).isEqualTo(1);
            assertThat(after.sum("mapwatch_map_size", Map.of("map", "orders"))).isEqualTo(1);
        }
    }
}
