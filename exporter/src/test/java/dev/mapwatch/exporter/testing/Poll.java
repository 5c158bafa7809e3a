package dev.mapwatch.exporter.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (JFR streams deliver events about a second late). */
public final class Poll {

    private Poll() {}

    /** Polls {@code value} every 50 ms until {@code done} holds or {@code timeout} passes; returns the last value. */
    public static <T> T until(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(50); // a poll interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while polling", e);
            }
            last = value.get();
        }
        return last;
    }

    /** As {@link #until(Duration, Supplier, java.util.function.Predicate)} for a plain condition. */
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
            try {
                Thread.sleep(50); // a poll interval, not synchronisation: the value decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while polling", e);
            }
            T now = value.get();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }
}
