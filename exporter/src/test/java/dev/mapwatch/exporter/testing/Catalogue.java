package dev.mapwatch.exporter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The rows of {@code docs/metrics.md}: lines starting with {@code | `mapwatch_}, with their section. */
public final class Catalogue {

    /** One row. {@code labels} are the label names (empty for {@code -}). */
    public record Row(String section, String name, String type, String unit, Set<String> labels, String meaning) {}

    private Catalogue() {}

    /** The catalogue of the project, found from the module directory Maven runs tests in. */
    public static Path path() {
        Path fromModule = Path.of("..", "docs", "metrics.md");
        return Files.exists(fromModule) ? fromModule : Path.of("docs", "metrics.md");
    }

    public static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String section = "";
        for (String line : Files.readAllLines(path())) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
            } else if (line.startsWith("| `mapwatch_")) {
                String[] cells = line.split("\\|", -1);
                if (cells.length != 7) {
                    throw new IllegalArgumentException("catalogue row without exactly 5 columns: " + line);
                }
                String labels = cells[4].trim();
                rows.add(new Row(section,
                        cells[1].trim().replace("`", ""),
                        cells[2].trim(),
                        cells[3].trim(),
                        labels.equals("-") ? Set.of() : Arrays.stream(labels.split(",")).map(String::trim)
                                .collect(Collectors.toCollection(TreeSet::new)),
                        cells[5].trim()));
            }
        }
        return rows;
    }
}
