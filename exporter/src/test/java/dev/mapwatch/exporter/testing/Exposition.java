package dev.mapwatch.exporter.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4 and OpenMetrics 1.0 expositions: families
 * by their {@code # TYPE} name, with help and samples. It fails on a line it does not understand, a
 * sample before any {@code # TYPE}, or a sample that does not belong to the current family.
 */
public final class Exposition {

    private static final Pattern META =
            Pattern.compile("# (HELP|TYPE|UNIT) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?");
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\S+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** One family: its {@code # TYPE} name and type, its help, its samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The label names of the samples, without {@code le} and {@code quantile}. */
        public Set<String> labelNames() {
            Set<String> names = new TreeSet<>();
            samples.forEach(s -> names.addAll(s.labels().keySet()));
            names.remove("le");
            names.remove("quantile");
            return names;
        }
    }

    private Exposition() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the first bad line. */
    public static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Family current = null;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isEmpty() || line.equals("# EOF")) {
                continue;
            }
            Matcher meta = META.matcher(line);
            if (meta.matches()) {
                String name = meta.group(2);
                switch (meta.group(1)) {
                    case "HELP" -> help.put(name, meta.group(3) == null ? "" : meta.group(3));
                    case "TYPE" -> {
                        if (families.containsKey(name)) {
                            throw new IllegalArgumentException(
                                    "line " + lineNumber + ": family " + name + " typed twice");
                        }
                        current =
                                new Family(
                                        name,
                                        meta.group(3),
                                        help.getOrDefault(name, null),
                                        new ArrayList<>());
                        families.put(name, current);
                    }
                    default -> {} // UNIT (OpenMetrics)
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || line.startsWith("#")) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + " is neither metadata nor a sample: " + line);
            }
            String name = sample.group(1);
            if (current == null || !name.startsWith(current.name())) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": sample " + name + " outside its family");
            }
            current.samples()
                    .add(
                            new Sample(
                                    name,
                                    labels(sample.group(2), lineNumber),
                                    Double.parseDouble(
                                            sample.group(3)
                                                    .replace("+Inf", "Infinity")
                                                    .replace("-Inf", "-Infinity"))));
        }
        return families;
    }

    private static Map<String, String> labels(String text, int lineNumber) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int end = 0;
        while (label.find() && label.start() == end) {
            labels.put(label.group(1), label.group(2));
            end = label.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException(
                    "line " + lineNumber + ": bad labels {" + text + "}");
        }
        return labels;
    }
}
