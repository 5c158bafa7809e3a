package dev.mapwatch.bpf.metrics;

import java.util.regex.Pattern;

/** Folds thread names so pools become one series: {@code pool-3-thread-17} -> {@code pool-N-thread-N}. */
public final class ThreadNames {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ThreadNames() {}

    /** Replaces every run of digits with {@code N}; an empty name becomes {@code unnamed}. */
    public static String fold(String name) {
        String folded = DIGITS.matcher(name).replaceAll("N").strip();
        return folded.isEmpty() ? "unnamed" : folded;
    }
}
