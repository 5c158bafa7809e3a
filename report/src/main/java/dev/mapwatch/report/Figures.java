package dev.mapwatch.report;

import java.time.Duration;
import java.util.Locale;

/** Numbers as the report prints them: grouped counts, percentages, human durations and sizes. */
public final class Figures {
    private Figures() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A ratio as a percentage with one decimal, "n/a" when not a number. */
    public static String percent(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    public static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** A duration in the largest unit that keeps it readable: 850 us, 12.3 ms, 4.56 s, 2 h 5 min. */
    public static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return d.toSecondsPart() == 0
                    ? minutes + " min"
                    : minutes + " min " + d.toSecondsPart() + " s";
        }
        return d.toMinutesPart() == 0
                ? d.toHours() + " h"
                : d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    /** Bytes with a binary prefix: 512 B, 1.5 KiB, 3.2 GiB. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
