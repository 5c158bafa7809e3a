package dev.mapwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The metric catalogue, {@code docs/metrics.md}: Markdown table rows {@code | `name` | type | unit |
 * labels | meaning |} under {@code ## section} headings, {@code name} the family name of the {@code #
 * TYPE} line. Every test that checks metrics, rules or dashboards against the catalogue reads it
 * through this one parser.
 */
public final class MetricCatalogue {

    /** Series Prometheus itself makes, which no catalogue lists. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    private final String source;
    private final Map<String, Family> families;

    private MetricCatalogue(String source, Map<String, Family> families) {
        this.source = source;
        this.families = families;
    }

    /**
     * One row of the catalogue.
     *
     * @param section the {@code ## } heading it stands under
     * @param labels  the labels cell as written ({@code -} for none)
     */
    public record Family(
            String section, String name, String type, String unit, String labels, String meaning) {

        /** The label names: the labels cell split at commas, each cell's first word, backticks removed. */
        public Set<String> labelNames() {
            if (labels.equals("-")) {
                return Set.of();
            }
            return Arrays.stream(labels.split(","))
                    .map(cell -> cell.replace("`", "").strip().split("\\s+")[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** The series names a query can use for this family (histograms: _bucket, _count, _sum). */
        public List<String> seriesNames() {
            return switch (type) {
                case "histogram" -> List.of(name + "_bucket", name + "_count", name + "_sum");
                case "summary" -> List.of(name, name + "_count", name + "_sum");
                default -> List.of(name);
            };
        }
    }

    /** The project's catalogue, {@code docs/metrics.md} beside the module the tests run in. */
    public static MetricCatalogue load() {
        Path catalogue = path();
        try {
            return parse(catalogue.toString(), Files.readString(catalogue, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metric catalogue " + catalogue, e);
        }
    }

    /** Where the catalogue is: {@code ../docs/metrics.md} from a module's folder (Maven's working directory). */
    public static Path path() {
        Path module =
                Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                        .toAbsolutePath();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("metrics.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/metrics.md above " + module);
    }

    /** Parses catalogue rows (those starting with {@code | `mapwatch_}); other lines are prose. */
    public static MetricCatalogue parse(String source, String markdown) {
        Map<String, Family> families = new LinkedHashMap<>();
        String section = "";
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("## ")) {
                section = trimmed.substring(3).strip();
                continue;
            }
            if (!trimmed.startsWith("| `mapwatch_")) {
                continue;
            }
            List<String> cells = cells(trimmed);
            if (cells.size() != 5) {
                throw new IllegalArgumentException(
                        source
                                + ": a catalogue row needs 5 cells"
                                + " (| name | type | unit | labels | meaning |): "
                                + trimmed);
            }
            String name = cells.get(0).replace("`", "").strip();
            if (families.containsKey(name)) {
                throw new IllegalArgumentException(source + ": " + name + " is catalogued twice");
            }
            families.put(
                    name,
                    new Family(
                            section,
                            name,
                            cells.get(1).replace("`", "").strip().toLowerCase(Locale.ROOT),
                            cells.get(2),
                            cells.get(3),
                            cells.get(4)));
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException(source + ": no catalogue rows (| `mapwatch_... |)");
        }
        return new MetricCatalogue(source, families);
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        // Backslash-escaped pipes (\|) belong to a cell, e.g. in label value lists.
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    /** Where the catalogue was read from. */
    public String source() {
        return source;
    }

    /** The catalogue's families by name, in the catalogue's order. */
    public Map<String, Family> families() {
        return families;
    }

    /** Every series name a query may use: the families' series, and Prometheus' own. */
    public Set<String> seriesNames() {
        Set<String> names = new TreeSet<>(PROMETHEUS_SERIES);
        families.values().forEach(family -> names.addAll(family.seriesNames()));
        return names;
    }
}
