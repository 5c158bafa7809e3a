package dev.mapwatch.alerts.tooling;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapwatch series a PromQL expression reads: every identifier that contains {@code mapwatch_}
 * (metric families and the {@code level:mapwatch_...:operations} recording rules), once string
 * literals (label values, template text) are removed. Prometheus' own {@code up} and {@code ALERTS}
 * count too. Functions, keywords and label names never contain {@code mapwatch_}, so this needs no
 * full parser; whether the expression parses at all is promtool's job.
 */
public final class PromqlNames {

    private static final Pattern STRING =
            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromqlNames() {}

    /** The series names {@code expr} selects. */
    public static Set<String> seriesIn(String expr) {
        String code =
                LABEL_MATCHERS.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll("{}");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            String name = identifier.group();
            if (name.contains("mapwatch_") || name.equals("up") || name.equals("ALERTS")) {
                names.add(name);
            }
        }
        return names;
    }
}
