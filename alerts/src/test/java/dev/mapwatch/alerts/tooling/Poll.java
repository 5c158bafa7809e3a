package dev.mapwatch.alerts.tooling;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling with a deadline, for tests that wait on other processes (no sleeping as synchronisation). */
public final class Poll {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Polls {@code probe} until its value satisfies {@code holds} or {@code timeout} passes.
     *
     * @return whether it held
     */
    public static <T> boolean until(Duration timeout, Supplier<T> probe, Predicate<T> holds) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (holds.test(probe.get())) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause();
        }
    }

    /** The pause between two polls. */
    public static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
