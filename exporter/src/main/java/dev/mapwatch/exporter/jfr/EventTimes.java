package dev.mapwatch.exporter.jfr;

import java.time.Instant;

/** Event timestamps as plain longs, cheap to store and subtract. */
final class EventTimes {

    private EventTimes() {}

    /** Nanoseconds since the epoch. */
    static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
