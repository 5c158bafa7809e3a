package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.exporter.log.MapwatchLog;
import dev.mapwatch.exporter.testing.Workloads;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import dev.mapwatch.testkit.Poll;
import dev.mapwatch.testkit.TestMapEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** {@link JfrMetrics} on a real JFR stream in this JVM, with workloads of known quantities. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfrMetricsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<Logged> logged = new CopyOnWriteArrayList<>();
    private JfrMetrics jfr;

    private record Logged(MapwatchLog.Level level, String message, Throwable cause) {}

    @BeforeAll
    void startStream() throws InterruptedException {
        jfr =
                JfrMetrics.builder()
                        .lockThreshold(Duration.ofMillis(10))
                        .topN(1000) // the surefire JVM allocates many classes before ours;
                        // folding is tested on its own
                        .addHandler(registry -> new BoomHandler())
                        .log(
                                (level, message, cause) ->
                                        logged.add(new Logged(level, message, cause)))
                        .build();
        jfr.bindTo(registry);
        assertThat(jfr.awaitStreaming(DEADLINE)).as("stream started").isTrue();
    }

    @AfterAll
    void stopStream() {
        jfr.close();
    }

    @Test
    void enablesTheEventsOfThisJdk() {
        assertThat(jfr.enabledEvents())
                .contains(
                        "jdk.JavaMonitorEnter",
                        "jdk.ThreadPark",
                        "jdk.ObjectAllocationSample",
                        "jdk.ThreadStart",
                        "jdk.ThreadEnd",
                        "mapwatch.MapStatistics",
                        "mapwatch.MapPromotion",
                        "mapwatch.MapLockWait",
                        "mapwatch.test.Boom");
        if (hasVirtualThreads()) {
            assertThat(jfr.enabledEvents())
                    .contains(
                            "jdk.VirtualThreadStart",
                            "jdk.VirtualThreadEnd",
                            "jdk.VirtualThreadPinned");
            assertThat(jfr.missingEvents()).isEmpty();
        } else {
            assertThat(jfr.missingEvents())
                    .containsExactlyInAnyOrder(
                            "jdk.VirtualThreadStart",
                            "jdk.VirtualThreadEnd",
                            "jdk.VirtualThreadPinned");
            // Expected on this JDK, so a debug line, never a warning.
            assertThat(logged)
                    .filteredOn(l -> l.message().contains("jdk.VirtualThreadStart"))
                    .singleElement()
                    .returns(MapwatchLog.Level.DEBUG, Logged::level);
        }
    }

    @Test
    void countsExactlyTheStartedAndEndedPlatformThreads() throws InterruptedException {
        int n = 7;
        // The baseline once earlier tests' thread events have all arrived.
        List<Double> before =
                Poll.settled(
                        Duration.ofSeconds(1),
                        DEADLINE,
                        () ->
                                List.of(
                                        count(ThreadActivity.STARTED, "kind", "platform"),
                                        count(ThreadActivity.ENDED, "kind", "platform"),
                                        (double)
                                                timer(ThreadActivity.LIFETIME, "kind", "platform")
                                                        .count()));
        double started = before.get(0);
        double ended = before.get(1);
        long lifetimes = before.get(2).longValue();

        Workloads.platformThreads(n);

        // Counts come from the JVM at once; lifetimes from JFR's events, about a second later.
        Poll.until(
                DEADLINE,
                () ->
                        count(ThreadActivity.ENDED, "kind", "platform") - ended >= n
                                && timer(ThreadActivity.LIFETIME, "kind", "platform").count()
                                                - lifetimes
                                        >= n);
        assertThat(count(ThreadActivity.STARTED, "kind", "platform") - started).isEqualTo(n);
        assertThat(count(ThreadActivity.ENDED, "kind", "platform") - ended).isEqualTo(n);
        assertThat(timer(ThreadActivity.LIFETIME, "kind", "platform").count() - lifetimes)
                .isEqualTo(n);
    }

    @Test
    void countsExactlyTheStartedAndEndedVirtualThreads() throws Exception {
        assumeTrue(
                hasVirtualThreads(), "virtual threads need JDK 21+; running " + Runtime.version());
        int m = 11;
        double started = count(ThreadActivity.STARTED, "kind", "virtual");
        double ended = count(ThreadActivity.ENDED, "kind", "virtual");
        long lifetimes = timer(ThreadActivity.LIFETIME, "kind", "virtual").count();
        double platformStarted = count(ThreadActivity.STARTED, "kind", "platform");

        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = Workloads.virtualThreads(m, release);
        Poll.until(DEADLINE, () -> gauge(ThreadActivity.LIVE, "kind", "virtual") >= m);
        assertThat(gauge(ThreadActivity.LIVE, "kind", "virtual"))
                .as("live virtual threads")
                .isGreaterThanOrEqualTo(m);
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        Poll.until(DEADLINE, () -> count(ThreadActivity.ENDED, "kind", "virtual") - ended >= m);
        assertThat(count(ThreadActivity.STARTED, "kind", "virtual") - started).isEqualTo(m);
        assertThat(count(ThreadActivity.ENDED, "kind", "virtual") - ended).isEqualTo(m);
        assertThat(timer(ThreadActivity.LIFETIME, "kind", "virtual").count() - lifetimes)
                .isEqualTo(m);
        // carrier threads may start, but no virtual thread is counted as a platform thread
        assertThat(count(ThreadActivity.STARTED, "kind", "platform") - platformStarted)
                .isLessThan(m);
    }

    @Test
    void livePlatformThreadsIncludeThreadsOlderThanTheStream() throws InterruptedException {
        double before = gauge(ThreadActivity.LIVE, "kind", "platform");
        assertThat(before).as("main and JVM threads").isGreaterThanOrEqualTo(2);
        int k = 5;
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Thread thread = new Thread(() -> Workloads.await(release), "parked-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        try {
            double during =
                    Poll.until(
                            DEADLINE,
                            () -> gauge(ThreadActivity.LIVE, "kind", "platform"),
                            v -> v >= before + k);
            assertThat(during).isGreaterThanOrEqualTo(before + k);
        } finally {
            release.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Test
    void aLambdaMonitorIsLabelledByItsDeclaringClassWithoutTheAddress()
            throws InterruptedException {
        Runnable lambdaMonitor = () -> {};
        assertThat(lambdaMonitor.getClass().getName()).contains("$$Lambda").contains("0x");
        Workloads.monitorContention(lambdaMonitor);

        String stable = JfrMetricsTest.class.getName() + "$$Lambda";
        Timer timer =
                Poll.until(
                        DEADLINE,
                        () ->
                                registry.find(LockContentionHandler.NAME)
                                        .tags("kind", "monitor", "class", stable)
                                        .timer(),
                        t -> t != null && t.count() >= 1);
        assertThat(timer.count()).isEqualTo(1);
        assertThat(registry.find(LockContentionHandler.NAME).meters())
                .noneMatch(meter -> String.valueOf(meter.getId().getTag("class")).contains("0x"));
    }

    @Test
    void monitorContentionAboveTheThresholdIsTimedByTheMonitorsClass() throws InterruptedException {
        Workloads.monitorContention(new ContendedMonitor());

        String className = ContendedMonitor.class.getName();
        Timer timer =
                Poll.until(
                        DEADLINE,
                        () ->
                                registry.find(LockContentionHandler.NAME)
                                        .tags("kind", "monitor", "class", className)
                                        .timer(),
                        t -> t != null && t.count() >= 1);
        assertThat(timer).as("contention timer for " + className).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void parkingOnALockAboveTheThresholdIsTimedByTheLocksClass() throws InterruptedException {
        Workloads.parkContention();

        String className = "java.util.concurrent.locks.ReentrantLock$NonfairSync";
        Timer timer =
                Poll.until(
                        DEADLINE,
                        () ->
                                registry.find(LockContentionHandler.NAME)
                                        .tags("kind", "park", "class", className)
                                        .timer(),
                        t -> t != null && t.count() >= 1);
        assertThat(timer).as("park timer for " + className).isNotNull();
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void allocationOfAKnownClassIsCountedInBytes() {
        String className = Payload.class.getName();
        List<Payload> sink = new ArrayList<>();
        double bytes =
                Poll.until(
                        DEADLINE,
                        () -> {
                            for (int i = 0;
                                    i < 200_000;
                                    i++) { // ~10 MB per poll: enough TLAB refills to be sampled
                                sink.add(new Payload(i));
                            }
                            sink.clear();
                            return count(AllocationSampleHandler.NAME, "class", className);
                        },
                        b -> b > 0);
        assertThat(bytes).as("sampled bytes of " + className).isGreaterThan(0);
    }

    @Test
    void mapStatisticsEventsBecomeTheMapMeters() {
        TestMapEvents.MapStatistics event = new TestMapEvents.MapStatistics();
        event.map = "orders";
        event.strategy = "SYNC_MAP";
        event.hits = 42;
        event.misses = 8;
        event.puts = 13;
        event.removals = 3;
        event.promotions = 2;
        event.tombstones = 1;
        event.oldestTombstoneAge = 1_500_000_000L;
        event.tombstonesPurged = 2;
        event.tombstonePurgeAge = 4_000_000_000L;
        event.lockWaits = 5;
        event.lockWaitTime = 250_000_000L;
        event.size = 10;
        event.commit();

        String[] tags = {"map", "orders", "strategy", "SYNC_MAP"};
        Poll.until(DEADLINE, () -> registry.find("mapwatch.map.size").tags(tags).gauge() != null);
        assertThat(
                        count(
                                "mapwatch.map.lookups",
                                "map",
                                "orders",
                                "strategy",
                                "SYNC_MAP",
                                "result",
                                "hit"))
                .isEqualTo(42);
        assertThat(
                        count(
                                "mapwatch.map.lookups",
                                "map",
                                "orders",
                                "strategy",
                                "SYNC_MAP",
                                "result",
                                "miss"))
                .isEqualTo(8);
        assertThat(count("mapwatch.map.puts", tags)).isEqualTo(13);
        assertThat(count("mapwatch.map.removals", tags)).isEqualTo(3);
        assertThat(count("mapwatch.map.promotions", tags)).isEqualTo(2);
        assertThat(count("mapwatch.map.tombstones.purged", tags)).isEqualTo(2);
        assertThat(count("mapwatch.map.lock.waits", tags)).isEqualTo(5);
        assertThat(count("mapwatch.map.lock.wait", tags)).isEqualTo(0.25);
        assertThat(gauge("mapwatch.map.tombstones", tags)).isEqualTo(1);
        assertThat(gauge("mapwatch.map.tombstone.oldest.age", tags)).isEqualTo(1.5);
        assertThat(gauge("mapwatch.map.size", tags)).isEqualTo(10);
    }

    @Test
    void eventsOfMapsSharingANameInOneEmissionAreAddedUp() {
        for (int hits : new int[] {4, 6}) {
            TestMapEvents.MapStatistics event = new TestMapEvents.MapStatistics();
            event.map = "twins";
            event.strategy = "CONCURRENT";
            event.hits = hits;
            event.size = 1;
            event.commit();
        }
        double hits =
                Poll.until(
                        DEADLINE,
                        () ->
                                count(
                                        "mapwatch.map.lookups",
                                        "map",
                                        "twins",
                                        "strategy",
                                        "CONCURRENT",
                                        "result",
                                        "hit"),
                        v -> v >= 10);
        assertThat(hits).isEqualTo(10);
        assertThat(gauge("mapwatch.map.size", "map", "twins", "strategy", "CONCURRENT"))
                .isEqualTo(2);
    }

    @Test
    void theCountingFieldBecomesTheCountingGaugeAndEventsWithoutItCountExactly() {
        TestMapEvents.MapStatistics old =
                new TestMapEvents.MapStatistics(); // an older maps library
        old.map = "jfr-counting-old";
        old.strategy = "CONCURRENT";
        old.commit();
        WatchedMap<String, String> sampled =
                MapWatch.builder("jfr-counting-sampled").counting(Counting.SAMPLED).build();
        sampled.put("a", "1");
        Poll.until(
                DEADLINE,
                () ->
                        registry.find("mapwatch.map.counting")
                                                .tag("map", "jfr-counting-sampled")
                                                .gauge()
                                        != null
                                && registry.find("mapwatch.map.counting")
                                                .tag("map", "jfr-counting-old")
                                                .gauge()
                                        != null);
        assertThat(
                        registry.get("mapwatch.map.counting")
                                .tag("map", "jfr-counting-sampled")
                                .gauge()
                                .getId()
                                .getTag("counting"))
                .isEqualTo("sampled");
        assertThat(
                        registry.get("mapwatch.map.counting")
                                .tag("map", "jfr-counting-old")
                                .gauge()
                                .getId()
                                .getTag("counting"))
                .isEqualTo("exact");
        assertThat(sampled).hasSize(1); // keeps the map reachable until here
    }

    @Test
    void aRealWatchedMapReachesTheSameMetersThroughJfr() {
        WatchedMap<String, String> sessions = MapWatch.newMap("jfr-sessions", Strategy.CONCURRENT);
        sessions.put("a", "1");
        sessions.put("b", "2");
        for (int i = 0; i < 9; i++) {
            sessions.get("a");
        }
        for (int i = 0; i < 4; i++) {
            sessions.get("missing");
        }
        String[] hit = {"map", "jfr-sessions", "strategy", "CONCURRENT", "result", "hit"};
        String[] miss = {"map", "jfr-sessions", "strategy", "CONCURRENT", "result", "miss"};
        Poll.until(
                DEADLINE,
                () ->
                        count("mapwatch.map.lookups", hit) == 9
                                && count("mapwatch.map.lookups", miss) == 4);
        assertThat(count("mapwatch.map.lookups", hit)).isEqualTo(9);
        assertThat(count("mapwatch.map.lookups", miss)).isEqualTo(4);
        assertThat(count("mapwatch.map.puts", "map", "jfr-sessions", "strategy", "CONCURRENT"))
                .isEqualTo(2);
        assertThat(gauge("mapwatch.map.size", "map", "jfr-sessions", "strategy", "CONCURRENT"))
                .isEqualTo(2);
        assertThat(sessions).hasSize(2); // keeps the map reachable until here
    }

    @Test
    void mapPromotionAndLockWaitEventsAreTimed() {
        Workloads.mapPromotionAndLockWait("sessions");

        Timer promotions =
                Poll.until(
                        DEADLINE,
                        () ->
                                registry.find(MapPromotionHandler.NAME)
                                        .tags("map", "sessions", "strategy", "SYNC_MAP")
                                        .timer(),
                        t -> t != null);
        assertThat(promotions).isNotNull();
        assertThat(promotions.count()).isEqualTo(1);
        Timer waits =
                Poll.until(
                        DEADLINE,
                        () ->
                                registry.find(MapTimers.LOCK_CONTENTION)
                                        .tags(
                                                "map",
                                                "sessions",
                                                "strategy",
                                                "LOCKED",
                                                "mode",
                                                "write")
                                        .timer(),
                        t -> t != null);
        assertThat(waits).isNotNull();
        assertThat(waits.count()).isEqualTo(1);
        assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheOthersKeepWorking() throws InterruptedException {
        Counter errors =
                registry.find(GuardedHandler.ERRORS)
                        .tags("handler", "mapwatch.test.Boom")
                        .counter();
        assertThat(errors).as("error counter registered up front").isNotNull();
        double before = errors.count();
        for (int i = 0; i < 3; i++) {
            TestMapEvents.Boom boom = new TestMapEvents.Boom();
            boom.sequence = i;
            boom.commit();
        }
        long lifetimes = timer(ThreadActivity.LIFETIME, "kind", "platform").count();
        Thread after = new Thread(() -> {}, "after-boom");
        after.start();
        after.join();

        Poll.until(
                DEADLINE,
                () ->
                        errors.count() - before >= 3
                                && timer(ThreadActivity.LIFETIME, "kind", "platform").count()
                                        > lifetimes);
        assertThat(errors.count() - before).isEqualTo(3);
        assertThat(timer(ThreadActivity.LIFETIME, "kind", "platform").count())
                .as("other handlers (thread start and end) still work")
                .isGreaterThan(lifetimes);
        // Three failures, one line: the handler, the exception and where it is counted.
        assertThat(logged)
                .filteredOn(l -> l.message().contains("mapwatch.test.Boom"))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.level()).isEqualTo(MapwatchLog.Level.WARNING);
                            assertThat(l.message())
                                    .isEqualTo(
                                            "handler mapwatch.test.Boom failed (IllegalStateException: boom 0);"
                                                    + " contained and counted in mapwatch_agent_errors_total{handler=\"mapwatch.test.Boom\"},"
                                                    + " logged once per handler")
                                    .doesNotContain("\n");
                            assertThat(l.cause()).isInstanceOf(IllegalStateException.class);
                        });
    }

    // --- helpers -------------------------------------------------------------------------------

    private double count(String name, String... tags) {
        Meter meter = registry.find(name).tags(tags).meter();
        if (meter instanceof FunctionCounter functionCounter) {
            return functionCounter.count();
        }
        if (meter instanceof Counter counter) {
            return counter.count();
        }
        return 0;
    }

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private Timer timer(String name, String... tags) {
        Timer timer = registry.find(name).tags(tags).timer();
        assertThat(timer).as(name + " " + String.join(",", tags)).isNotNull();
        return timer;
    }

    static boolean hasVirtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    private static final class ContendedMonitor {}

    record Payload(long value) {}

    private static final class BoomHandler implements JfrEventHandler {
        @Override
        public String eventName() {
            return "mapwatch.test.Boom";
        }

        @Override
        public void accept(RecordedEvent event) {
            throw new IllegalStateException("boom " + event.getInt("sequence"));
        }
    }
}
