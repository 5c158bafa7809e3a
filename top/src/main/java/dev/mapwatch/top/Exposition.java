package dev.mapwatch.top;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format 0.0.4 (what {@code /metrics} answers to {@code Accept:
 * text/plain}): sample lines, label values with their escapes ({@code \\}, {@code \"}, {@code \n}),
 * optional timestamps, {@code NaN}/{@code +Inf}/{@code -Inf}; comment lines ({@code # HELP},
 * {@code # TYPE}, {@code # EOF}) are skipped. The Prometheus Java client writes this format but
 * has no reader for it. Cost: one pass over the text, a map per sample.
 */
public final class Exposition {

    private Exposition() {}

    /** Thrown for a line that is not a sample; the message names the line. */
    public static final class MalformedException extends RuntimeException {
        MalformedException(int lineNumber, String line, String why) {
            super(
                    "line "
                            + lineNumber
                            + " is not a sample ("
                            + why
                            + "): "
                            + (line.length() > 80 ? line.substring(0, 80) + "..." : line),
                    null,
                    false,
                    false);
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws MalformedException for a line that is neither a comment, blank, nor a sample
     */
    public static Samples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(new LineReader(trimmed, number).sample());
            }
        }
        return Samples.of(samples);
    }

    /** One line, read left to right. */
    private static final class LineReader {
        private final String line;
        private final int number;
        private int at;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample() {
            String name = name();
            if (name.isEmpty()) {
                throw fail("no metric name");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            skipBlanks();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                labels(labels);
            }
            skipBlanks();
            String[] rest = line.substring(at).strip().split("[ \t]+");
            if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
                throw fail("expected a value and at most a timestamp");
            }
            return new Sample(name, labels, value(rest[0]));
        }

        private void labels(Map<String, String> into) {
            while (true) {
                skipBlanks();
                if (at >= line.length()) {
                    throw fail("unclosed '{'");
                }
                if (line.charAt(at) == '}') {
                    at++;
                    return;
                }
                String key = name();
                skipBlanks();
                if (key.isEmpty() || at >= line.length() || line.charAt(at) != '=') {
                    throw fail("expected label=\"value\"");
                }
                at++;
                skipBlanks();
                into.put(key, quoted());
                skipBlanks();
                if (at < line.length() && line.charAt(at) == ',') {
                    at++;
                }
            }
        }

        private String quoted() {
            if (at >= line.length() || line.charAt(at) != '"') {
                throw fail("label value not quoted");
            }
            StringBuilder value = new StringBuilder();
            for (at++; at < line.length(); at++) {
                char c = line.charAt(at);
                if (c == '"') {
                    at++;
                    return value.toString();
                }
                if (c == '\\' && at + 1 < line.length()) {
                    char next = line.charAt(++at);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            throw fail("unclosed label value");
        }

        private String name() {
            int start = at;
            while (at < line.length()) {
                char c = line.charAt(at);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == ':')
                        || (at == start && Character.isDigit(c))) {
                    break;
                }
                at++;
            }
            return line.substring(start, at);
        }

        private double value(String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw fail("value '" + text + "' is not a number");
                    }
            }
        }

        private void skipBlanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private MalformedException fail(String why) {
            return new MalformedException(number, line, why);
        }
    }
}
