package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedLabelMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong();
    private final BoundedLabelMeters<Counter> counters =
            new BoundedLabelMeters<>(registry, 2, Duration.ofSeconds(60), clock::get);

    private void allocate(String className, long bytes) {
        counters.meterFor(
                        className,
                        bytes,
                        label ->
                                Counter.builder("mapwatch.allocation")
                                        .tag("class", label)
                                        .register(registry))
                .increment(bytes);
    }

    private double bytes(String classLabel) {
        Counter counter = registry.find("mapwatch.allocation").tag("class", classLabel).counter();
        return counter == null ? Double.NaN : counter.count();
    }

    @Test
    void foldsBeyondTheTopNIntoOtherAndNoCounterGoesBackwards() {
        allocate("a.Small", 10);
        allocate("b.Small", 10);
        allocate("c.Big", 1_000);
        allocate("d.Other", 5);
        assertThat(bytes("a.Small")).isEqualTo(10);
        assertThat(bytes("other")).isEqualTo(1_005);
        assertThat(registry.find("mapwatch.allocation").counters()).hasSize(3);

        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        allocate("c.Big", 2_000); // c.Big takes a.Small's or b.Small's place: its series starts now
        allocate("a.Small", 1);
        allocate("b.Small", 1);

        assertThat(bytes("c.Big")).isEqualTo(2_000);
        assertThat(bytes("other")).as("other only grows").isEqualTo(1_006);
        assertThat(registry.find("mapwatch.allocation").counters())
                .as("still at most N + 1 series")
                .hasSize(3);
        long ownSmall =
                registry.find("mapwatch.allocation").counters().stream()
                        .filter(c -> c.getId().getTag("class").endsWith("Small"))
                        .count();
        assertThat(ownSmall).as("the evicted class's series was removed").isEqualTo(1);
    }
}
