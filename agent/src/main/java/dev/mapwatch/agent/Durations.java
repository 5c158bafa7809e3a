package dev.mapwatch.agent;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on command lines: {@code 250us}, {@code 10ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|ms|s|m|h)");

    /** The units accepted, for messages. */
    public static final String UNITS = "ns, us, ms, s, m, h";

    private Durations() {}

    /** The duration {@code text} denotes, or empty when it is not a number with a unit. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "ns" -> Duration.ofNanos(amount);
                        case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
