package dev.mapwatch.top;

import java.util.Locale;

/** How {@code top} prints figures in a few characters; {@code NaN} is {@code -}. */
final class Figures {

    private Figures() {}

    /** A rate or count: {@code 0}, {@code 3.5}, {@code 840}, {@code 12.3k}, {@code 4.1M}, {@code 2.0G}. */
    static String count(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs == 0) {
            return "0";
        }
        if (abs < 10) {
            return format("%.1f", value);
        }
        if (abs < 1_000) {
            return format("%.0f", value);
        }
        if (abs < 1_000_000) {
            return format("%.1fk", value / 1e3);
        }
        if (abs < 1_000_000_000) {
            return format("%.1fM", value / 1e6);
        }
        return format("%.1fG", value / 1e9);
    }

    /** A ratio as a percentage with one decimal: {@code 75.0}. */
    static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : format("%.1f", ratio * 100);
    }

    /** A duration (or seconds per second): {@code 0}, {@code 850us}, {@code 12ms}, {@code 1.5s}, {@code 2m05s}. */
    static String seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        if (seconds <= 0) {
            return "0";
        }
        if (seconds < 1e-3) {
            return format("%.0fus", seconds * 1e6);
        }
        if (seconds < 1) {
            return format("%.0fms", seconds * 1e3);
        }
        if (seconds < 60) {
            return format("%.1fs", seconds);
        }
        return uptime(seconds);
    }

    /** A long time: {@code 42s}, {@code 5m07s}, {@code 3h02m}, {@code 2d04h}. */
    static String uptime(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    /** Bytes per second in megabytes: {@code 12.3 MB/s}. */
    static String megabytes(double bytes) {
        return Double.isNaN(bytes) ? "-" : format("%.1f MB/s", bytes / 1e6);
    }

    /**
     * {@code name} in at most {@code width} characters: as it is if it fits, else with its package
     * names shortened to their first letter from the left ({@code c.a.SessionStore.sessions}), else
     * cut at the left behind {@code …}.
     */
    static String fit(String name, int width) {
        if (name.length() <= width) {
            return name;
        }
        String[] parts = name.split("\\.", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()
                    && Character.isLowerCase(parts[i].charAt(0))
                    && parts[i].length() > 1) {
                parts[i] = parts[i].substring(0, 1);
                String shorter = String.join(".", parts);
                if (shorter.length() <= width) {
                    return shorter;
                }
            }
        }
        String shortest = String.join(".", parts);
        return width <= 1
                ? shortest.substring(0, Math.max(0, width))
                : "…" + shortest.substring(shortest.length() - (width - 1));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
