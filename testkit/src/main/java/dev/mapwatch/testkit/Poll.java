package dev.mapwatch.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline: JFR streams deliver events about a second late, child
 * processes start when they start. The pause between two looks is a poll interval, never
 * synchronisation: the condition decides.
 */
public final class Poll {

    /** The pause between two looks. */
    public static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {}

    /** Polls {@code value} until {@code done} holds or {@code timeout} passes; returns the last value. */
    public static <T> T until(Duration timeout, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() - deadline < 0) {
            pause();
            last = value.get();
        }
        return last;
    }

    /** Polls {@code value} until {@code done} holds or {@code timeout} passes: whether it held. */
    public static <T> boolean holds(Duration timeout, Supplier<T> value, Predicate<T> done) {
        return done.test(until(timeout, value, done));
    }

    /** As {@link #until(Duration, Supplier, Predicate)} for a plain condition: whether it held. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        return until(timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /**
     * Polls {@code value} until it has not changed for {@code quiet} (or {@code timeout} passes) and
     * returns it: a baseline taken while events of earlier work are still arriving would be off.
     */
    public static <T> T settled(Duration quiet, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos() && System.nanoTime() - deadline < 0) {
            pause();
            T now = value.get();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /** One poll interval. */
    public static void pause() {
        pause(INTERVAL);
    }

    /** A pause of {@code interval} between two looks at something another thread or process changes. */
    public static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis()); // a poll interval, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
