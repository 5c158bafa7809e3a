package dev.mapwatch.top;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the view: spans of text, each with a style. The plain rendering is the text alone;
 * the terminal maps each {@link Style} to attributes (colours only when colour is wanted).
 */
public record Line(List<Span> spans) {

    /** How a span looks. */
    public enum Style {
        PLAIN,
        TITLE,
        HEADING,
        SORTED,
        WARN,
        DIM
    }

    /** A run of text in one style. */
    public record Span(String text, Style style) {}

    public Line {
        spans = List.copyOf(spans);
    }

    /** A line in one style. */
    public static Line of(String text, Style style) {
        return new Line(List.of(new Span(text, style)));
    }

    /** The text without styles. */
    public String text() {
        StringBuilder text = new StringBuilder();
        spans.forEach(span -> text.append(span.text()));
        return text.toString();
    }

    /** The same line cut to {@code width} characters. */
    public Line cut(int width) {
        List<Span> kept = new ArrayList<>();
        int left = width;
        for (Span span : spans) {
            if (left <= 0) {
                break;
            }
            String text =
                    span.text().length() > left ? span.text().substring(0, left) : span.text();
            kept.add(new Span(text, span.style()));
            left -= text.length();
        }
        return new Line(kept);
    }

    /** Builds a line span by span. */
    static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        Builder add(String text, Style style) {
            spans.add(new Span(text, style));
            return this;
        }

        Builder add(String text) {
            return add(text, Style.PLAIN);
        }

        Line build() {
            return new Line(spans);
        }
    }
}
