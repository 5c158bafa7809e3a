package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.testkit.Poll;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Under {@code -javaagent}, what the application does from the first line of {@code main} is in
 * the metrics, exactly: platform threads (counted by the JVM since it started), the monitor
 * contention and the allocation of the first second (the recording runs before {@code main}).
 * The application ({@link FirstSecond}) never waits for the agent. The JVM's and the agent's own
 * threads are the same in two children that differ only in the application's waves of threads, so
 * the difference of their counts is exactly the waves.
 */
class FirstSecondIT {

    private static final Map<String, String> PLATFORM = Map.of("kind", "platform");
    private static final String STARTED = "mapwatch_threads_started_total";
    private static final String ENDED = "mapwatch_threads_ended_total";
    private static final String LIVE = "mapwatch_threads_live";
    private static final String LIFETIMES = "mapwatch_thread_lifetime_seconds_count";
    private static final String CONTENTION = "mapwatch_lock_contention_seconds_count";
    private static final Pattern READY = Pattern.compile("^ready$");

    @Test
    void countsEveryThreadContentionAndAllocationFromTheFirstLineOfMain() {
        int waves = 8;
        int perWave = 10;
        try (ChildJvm withWaves =
                        ChildJvm.start(
                                "port=0,lockThreshold=20ms",
                                FirstSecond.class,
                                "" + waves,
                                "" + perWave);
                ChildJvm without =
                        ChildJvm.start(
                                "port=0,lockThreshold=20ms",
                                FirstSecond.class,
                                "0",
                                "" + perWave)) {
            String endpoint = withWaves.awaitEndpoint();
            // While the waves run: every scrape is consistent.
            do {
                assertConsistent(Scrape.metrics(endpoint));
                Poll.pause(java.time.Duration.ofMillis(50));
            } while (withWaves.stdout().isEmpty()
                    && withWaves.age().compareTo(ChildJvm.DEADLINE) < 0);
            withWaves.awaitStdout(READY);
            without.awaitStdout(READY);
            String baselineEndpoint = without.awaitEndpoint();
            Scrape waved = settledCounts(withWaves, endpoint);
            Scrape baseline = settledCounts(without, baselineEndpoint);

            assertThat(waved.sum(STARTED, PLATFORM) - baseline.sum(STARTED, PLATFORM))
                    .as("platform threads started")
                    .isEqualTo(waves * perWave);
            assertThat(waved.sum(ENDED, PLATFORM) - baseline.sum(ENDED, PLATFORM))
                    .as("platform threads ended")
                    .isEqualTo(waves * perWave);
            assertThat(waved.sum(LIFETIMES, PLATFORM) - baseline.sum(LIFETIMES, PLATFORM))
                    .as("lifetimes: JFR saw every start and end")
                    .isEqualTo(waves * perWave);
            for (Scrape scrape : new Scrape[] {waved, baseline}) {
                assertConsistent(scrape);
                assertThat(scrape.sum(STARTED, PLATFORM))
                        .as("main, the waves, the JVM's and the agent's threads")
                        .isGreaterThan(scrape == waved ? waves * perWave : 4);
                Map<String, String> monitor =
                        Map.of(
                                "kind",
                                "monitor",
                                "class",
                                Workload.ContendedMonitor.class.getName());
                assertThat(scrape.sum(CONTENTION, monitor))
                        .as("the three waiters of the first second")
                        .isEqualTo(3);
                assertThat(
                                scrape.sum(
                                        "mapwatch_allocation_bytes_total",
                                        Map.of("class", Workload.Payload.class.getName())))
                        .as("JFR's estimate of the 32 MB of the first second")
                        .isGreaterThanOrEqualTo(4 * 1024 * 1024);
            }
        }
    }

    @Test
    void countsThePlatformThreadsStartedBeforeAnAttachExactlyButJfrSeesOnlyWhatCameAfter() {
        int waves = 4;
        int perWave = 10;
        try (ChildJvm withWaves =
                        ChildJvm.start(null, FirstSecond.class, "" + waves, "" + perWave);
                ChildJvm without = ChildJvm.start(null, FirstSecond.class, "0", "" + perWave)) {
            withWaves.awaitStdout(READY);
            without.awaitStdout(READY);
            Scrape waved = attachAndScrape(withWaves);
            Scrape baseline = attachAndScrape(without);
            assertThat(waved.sum(STARTED, PLATFORM) - baseline.sum(STARTED, PLATFORM))
                    .as("platform threads started before the attach")
                    .isEqualTo(waves * perWave);
            assertThat(waved.sum(ENDED, PLATFORM) - baseline.sum(ENDED, PLATFORM))
                    .isEqualTo(waves * perWave);
            assertConsistent(waved);
            assertConsistent(baseline);
            // JFR started with the agent: the lifetimes and the contention of before are not seen
            // (docs/metrics.md).
            assertThat(waved.sum(LIFETIMES, PLATFORM)).isEqualTo(baseline.sum(LIFETIMES, PLATFORM));
            Map<String, String> monitor =
                    Map.of("kind", "monitor", "class", Workload.ContendedMonitor.class.getName());
            assertThat(waved.sum(CONTENTION, monitor)).isZero();
        }
    }

    private static Scrape attachAndScrape(ChildJvm child) {
        Cli.Result attached = Cli.run("attach", Long.toString(child.pid()), "port=0");
        assertThat(attached.exitCode()).as(attached.err()).isZero();
        String endpoint = child.awaitEndpoint();
        child.awaitJfrRunning(endpoint);
        return Scrape.settled(endpoint, STARTED, PLATFORM, Duration.ofMillis(1000));
    }

    /** Scrapes until JFR has delivered the first second's events and the counts no longer move. */
    private static Scrape settledCounts(ChildJvm child, String endpoint) {
        child.awaitJfrRunning(endpoint);
        Map<String, String> monitor =
                Map.of("kind", "monitor", "class", Workload.ContendedMonitor.class.getName());
        Scrape.until(endpoint, CONTENTION, monitor, v -> v >= 3);
        Scrape.settled(endpoint, LIFETIMES, PLATFORM, Duration.ofMillis(1500));
        return Scrape.settled(endpoint, STARTED, PLATFORM, Duration.ofMillis(500));
    }

    private static void assertConsistent(Scrape scrape) {
        double started = scrape.sum(STARTED, PLATFORM);
        double ended = scrape.sum(ENDED, PLATFORM);
        assertThat(started).as("started >= ended").isGreaterThanOrEqualTo(ended);
        assertThat(scrape.sum(LIVE, PLATFORM))
                .as("live = started - ended")
                .isEqualTo(started - ended);
        assertThat(scrape.sum("mapwatch_threads_daemon", Map.of()))
                .isLessThanOrEqualTo(started - ended);
    }
}
