package dev.mapwatch.alerts.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code docs/runbooks.md}: its headings, by the anchor GitHub gives them. */
public final class Runbooks {

    /** Where the alerts' {@code runbook_url}s point: the runbooks on the main branch. */
    public static final String BASE_URL =
            "https://github.com/mapwatch/mapwatch/blob/main/docs/runbooks.md#";

    private final Map<String, String> headingsByAnchor;
    private final String text;

    private Runbooks(String text, Map<String, String> headingsByAnchor) {
        this.text = text;
        this.headingsByAnchor = headingsByAnchor;
    }

    /** Reads the project's runbooks. */
    public static Runbooks load() {
        Path file = ProjectLayout.runbooks();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses Markdown, collecting the ATX headings ({@code #} to {@code ######}) outside code blocks. */
    public static Runbooks parse(String markdown) {
        Map<String, String> headings = new LinkedHashMap<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.matches("#{1,6} .*")) {
                String heading = line.replaceFirst("#{1,6} ", "").strip();
                headings.put(anchor(heading), heading);
            }
        }
        return new Runbooks(markdown, headings);
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    public static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** The headings, by anchor. */
    public Map<String, String> headingsByAnchor() {
        return headingsByAnchor;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** The text of the section under {@code heading}, up to the next heading of the same level. */
    public String section(String heading) {
        int start = text.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            return "";
        }
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
