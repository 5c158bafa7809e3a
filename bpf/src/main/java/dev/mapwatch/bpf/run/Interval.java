package dev.mapwatch.bpf.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A print interval in whole seconds ({@code 5s}, {@code 1m}, {@code 10}): bpftrace's interval:s:N. */
public record Interval(int seconds) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(s|m)?");

    public Interval {
        if (seconds < 1) {
            throw new IllegalArgumentException("interval must be at least 1s");
        }
    }

    /** Parses {@code text}; throws IllegalArgumentException with a message for users. */
    public static Interval parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "bad interval '" + text + "': use whole seconds or minutes, e.g. 5s or 1m");
        }
        long n = Long.parseLong(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
        if (n < 1 || n > 86_400) {
            throw new IllegalArgumentException(
                    "bad interval '" + text + "': must be between 1s and 24h");
        }
        return new Interval((int) n);
    }

    /** Picocli converter. */
    public static final class Converter implements ITypeConverter<Interval> {
        @Override
        public Interval convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
