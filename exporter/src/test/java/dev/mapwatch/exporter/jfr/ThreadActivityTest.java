package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadActivityTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pairsStartsWithEndsIntoLifetimes() {
        ThreadActivity activity = new ThreadActivity(registry, EnumSet.allOf(ThreadKind.class), 10);
        activity.started(ThreadKind.VIRTUAL, 1, t0);
        activity.started(ThreadKind.VIRTUAL, 2, t0);
        activity.ended(ThreadKind.VIRTUAL, 1, t0.plusMillis(5));

        assertThat(
                        registry.get(ThreadActivity.LIFETIME)
                                .tag("kind", "virtual")
                                .timer()
                                .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(5);
        assertThat(registry.get(ThreadActivity.LIVE).tag("kind", "virtual").gauge().value())
                .isEqualTo(1);
        assertThat(registry.find(ThreadActivity.LIVE).tag("kind", "platform").gauge())
                .as("platform threads are counted by PlatformThreadCounts")
                .isNull();
    }

    @Test
    void theStartTableIsBoundedAndItsOverflowCounted() {
        ThreadActivity activity = new ThreadActivity(registry, EnumSet.of(ThreadKind.VIRTUAL), 2);
        for (long id = 1; id <= 5; id++) {
            activity.started(ThreadKind.VIRTUAL, id, t0);
        }
        assertThat(activity.tracked()).isEqualTo(2);
        assertThat(
                        registry.get(ThreadActivity.UNTRACKED)
                                .tag("kind", "virtual")
                                .functionCounter()
                                .count())
                .isEqualTo(3);
        for (long id = 1; id <= 5; id++) {
            activity.ended(ThreadKind.VIRTUAL, id, t0.plusSeconds(1));
        }
        assertThat(activity.tracked()).isZero();
        assertThat(
                        registry.get(ThreadActivity.ENDED)
                                .tag("kind", "virtual")
                                .functionCounter()
                                .count())
                .isEqualTo(5);
        assertThat(registry.get(ThreadActivity.LIFETIME).tag("kind", "virtual").timer().count())
                .isEqualTo(2);
    }

    @Test
    void theEndOfAThreadOlderThanTheStreamIsNotCountedSoEndedNeverExceedsStarted() {
        ThreadActivity activity = new ThreadActivity(registry, EnumSet.allOf(ThreadKind.class), 10);
        activity.ended(ThreadKind.VIRTUAL, 99, t0);
        assertThat(
                        registry.get(ThreadActivity.ENDED)
                                .tag("kind", "virtual")
                                .functionCounter()
                                .count())
                .isZero();
        activity.started(ThreadKind.VIRTUAL, 100, t0);
        activity.ended(ThreadKind.VIRTUAL, 100, t0.plusMillis(1));
        assertThat(
                        registry.get(ThreadActivity.ENDED)
                                .tag("kind", "virtual")
                                .functionCounter()
                                .count())
                .isEqualTo(1);
        assertThat(registry.get(ThreadActivity.LIFETIME).tag("kind", "virtual").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(ThreadActivity.LIVE).tag("kind", "virtual").gauge().value())
                .isZero();
    }
}
