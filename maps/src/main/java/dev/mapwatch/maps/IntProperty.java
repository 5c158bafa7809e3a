package dev.mapwatch.maps;

import java.lang.System.Logger.Level;

/** Reads a whole-number system property, falling back to its default with one warning when bad. */
final class IntProperty {

    private IntProperty() {}

    /** The value of {@code -Dname} in {@code [min, max]}, or {@code fallback} when unset or bad. */
    static int read(String name, int fallback, int min, int max, System.Logger log) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.log(
                Level.WARNING,
                "mapwatch: ignoring -D"
                        + name
                        + "="
                        + value
                        + " (expected a whole number from "
                        + min
                        + " to "
                        + max
                        + "); using "
                        + fallback);
        return fallback;
    }
}
