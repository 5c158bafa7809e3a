package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.attribution.CacheCalls;
import dev.mapwatch.testkit.Poll;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@link JfrMetrics#builder()}{@code .mapSites(...)} on a real JFR stream: threads waiting in this
 * JDK's own {@code ConcurrentHashMap} (whichever of its methods takes the bin lock in this version,
 * 17 or 25) for a mapping function that sleeps count on the map named at their call site, once per
 * wait, while the class row still counts them. The sites are in {@link CacheCalls}, outside
 * {@code dev.mapwatch}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MapAttributionRecordingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final int THREADS = 3;
    private static final long SLEEP_MILLIS = 250;
    private static final String FAMILY = MapTimers.LOCK_CONTENTION;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    /** Every frame the resolver was asked about. */
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private JfrMetrics jfr;

    @BeforeAll
    void startStream() throws InterruptedException {
        String site = CacheCalls.class.getName();
        jfr =
                JfrMetrics.builder()
                        .lockThreshold(Duration.ofMillis(50))
                        .mapSites(
                                (type, method, descriptor, line) -> {
                                    asked.add(type + "." + method + descriptor + ":" + line);
                                    if (!type.equals(site) || line <= 0) {
                                        return null;
                                    }
                                    return method.equals("load")
                                            ? "cache-a"
                                            : method.equals("count") ? "cache-b" : null;
                                })
                        .build();
        jfr.bindTo(registry);
        assertThat(jfr.awaitStreaming(DEADLINE)).isTrue();
    }

    @AfterAll
    void stopStream() {
        jfr.close();
    }

    @Test
    void waitsInComputeIfAbsentCountOnceOnTheMapOfTheirSite() throws Exception {
        ConcurrentHashMap<String, Long> cache = new ConcurrentHashMap<>();
        contend(slow -> CacheCalls.load(cache, slow));
        assertWaits("cache-a", THREADS - 1);
    }

    @Test
    void waitsInMergeOnAPresentKeyCountOnTheMapOfTheirSite() throws Exception {
        ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>(Map.of("key", 0L));
        contend(slow -> CacheCalls.count(counts, slow));
        assertWaits("cache-b", THREADS - 1);
    }

    private void assertWaits(String map, long waits) {
        Timer timer =
                Poll.until(
                        DEADLINE,
                        () -> registry.find(FAMILY).tag("map", map).timer(),
                        t -> t != null && t.count() >= waits);
        assertThat(timer)
                .as(
                        "no %s{map=%s}; the resolver was asked about %s; class rows %s",
                        FAMILY,
                        map,
                        asked,
                        registry.find(LockContentionHandler.NAME).timers().stream()
                                .map(t -> t.getId() + "=" + t.count())
                                .toList())
                .isNotNull();
        assertThat(timer.count()).as("asked: %s", asked).isEqualTo(waits);
        assertThat(timer.getId().getTag("strategy")).isEqualTo("ConcurrentHashMap");
        assertThat(timer.getId().getTag("mode")).isEqualTo("write");
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS))
                .isBetween(waits * 50.0, waits * (SLEEP_MILLIS + 2000.0));
        assertThat(
                        registry.find(LockContentionHandler.NAME).timers().stream()
                                .filter(
                                        t ->
                                                t.getId()
                                                        .getTag("class")
                                                        .startsWith(
                                                                "java.util.concurrent.ConcurrentHashMap$"))
                                .mapToLong(Timer::count)
                                .sum())
                .as("the class rows")
                .isGreaterThanOrEqualTo(waits);
    }

    /** Releases {@link #THREADS} threads together onto {@code call}, which each makes once. */
    private static void contend(Consumer<Supplier<Long>> call) throws Exception {
        AtomicBoolean first = new AtomicBoolean();
        Supplier<Long> slow =
                () -> {
                    if (first.compareAndSet(false, true)) {
                        try {
                            Thread.sleep(SLEEP_MILLIS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return 1L;
                };
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                call.accept(slow);
                            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
