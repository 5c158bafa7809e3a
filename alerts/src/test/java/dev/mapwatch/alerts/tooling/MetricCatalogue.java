package dev.mapwatch.alerts.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric catalogue, {@code docs/metrics.md}: Markdown table rows
 * {@code | `name` | type | unit | labels | meaning |}, {@code name} the family name of the {@code # TYPE}
 * line. Until the catalogue exists on this branch the tests use a fixture with the contract's names;
 * under {@code CI=true} (and so on main) a missing catalogue fails.
 */
public final class MetricCatalogue {

    /** Series Prometheus itself makes, which no catalogue lists. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    private static final String FIXTURE = "/metrics-fixture.md";

    private final String source;
    private final Map<String, Family> families;

    private MetricCatalogue(String source, Map<String, Family> families) {
        this.source = source;
        this.families = families;
    }

    /** One row of the catalogue. */
    public record Family(String name, String type, String unit, String labels, String meaning) {

        /** The series names a query can use for this family (histograms: _bucket, _count, _sum). */
        public List<String> seriesNames() {
            return switch (type) {
                case "histogram" -> List.of(name + "_bucket", name + "_count", name + "_sum");
                case "summary" -> List.of(name, name + "_count", name + "_sum");
                default -> List.of(name);
            };
        }
    }

    /**
     * The project's catalogue, {@code docs/metrics.md}; when it does not exist yet, the fixture (a
     * test is then told so by {@link #source()}), except under CI, where that fails.
     */
    public static MetricCatalogue load() {
        Path catalogue = ProjectLayout.metricCatalogue();
        if (Files.exists(catalogue)) {
            try {
                return parse(catalogue.toString(), Files.readString(catalogue, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + catalogue, e);
            }
        }
        if (SystemTool.underCi()) {
            throw new AssertionError(catalogue + " is missing: the dashboards and rules must be checked"
                    + " against the real catalogue [CI=true]");
        }
        try (InputStream in = MetricCatalogue.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("no " + FIXTURE + " on the test class path");
            }
            return parse("fixture " + FIXTURE + " (" + catalogue + " does not exist yet)",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FIXTURE, e);
        }
    }

    /** Parses catalogue rows (those starting with {@code | `mapwatch_}); other lines are prose. */
    public static MetricCatalogue parse(String source, String markdown) {
        Map<String, Family> families = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("| `mapwatch_")) {
                continue;
            }
            List<String> cells = cells(trimmed);
            if (cells.size() != 5) {
                throw new IllegalArgumentException(source + ": a catalogue row needs 5 cells"
                        + " (| name | type | unit | labels | meaning |): " + trimmed);
            }
            String name = cells.get(0).replace("`", "").strip();
            families.put(name, new Family(name, cells.get(1).replace("`", "").strip().toLowerCase(java.util.Locale.ROOT),
                    cells.get(2), cells.get(3), cells.get(4)));
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

    /** Where the catalogue was read from (the real file, or the fixture and why). */
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
