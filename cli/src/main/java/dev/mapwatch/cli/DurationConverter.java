package dev.mapwatch.cli;

import dev.mapwatch.agent.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Parses {@code 30s}, {@code 5m}, {@code 100ms}, ... (see {@link Durations}) for picocli options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value)
                .orElseThrow(
                        () ->
                                new CommandLine.TypeConversionException(
                                        "'"
                                                + value
                                                + "' is not a duration with a unit ("
                                                + Durations.UNITS
                                                + "), e.g. 30s"));
    }
}
