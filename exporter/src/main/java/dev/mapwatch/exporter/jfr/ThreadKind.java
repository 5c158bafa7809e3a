package dev.mapwatch.exporter.jfr;

import java.util.Locale;

/** The {@code kind} label of thread meters. */
enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
