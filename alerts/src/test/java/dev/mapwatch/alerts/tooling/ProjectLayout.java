package dev.mapwatch.alerts.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the project's files are, seen from a module's tests (Maven runs them in the module's folder):
 * the rule files in {@code alerts/}, the dashboards in {@code dashboards/}, the docs in {@code docs/}.
 */
public final class ProjectLayout {

    private ProjectLayout() {}

    /** The project's root folder: the parent of the module the tests run in. */
    public static Path root() {
        Path module =
                Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                        .toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isDirectory(root.resolve("alerts"))) {
            throw new IllegalStateException("not in a mapwatch module folder: " + module);
        }
        return root;
    }

    /** The Prometheus rule files, {@code alerts/*.rules.yml}, sorted. */
    public static List<Path> ruleFiles() {
        return list(root().resolve("alerts"), ".rules.yml");
    }

    /** The promtool unit tests, {@code alerts/tests/*.test.yml}, sorted. */
    public static List<Path> ruleTests() {
        return list(root().resolve("alerts").resolve("tests"), ".test.yml");
    }

    /** The Grafana dashboards, {@code dashboards/*.json}, sorted. */
    public static List<Path> dashboards() {
        return list(root().resolve("dashboards"), ".json");
    }

    /** {@code docs/runbooks.md}. */
    public static Path runbooks() {
        return root().resolve("docs").resolve("runbooks.md");
    }

    /** {@code docs/metrics.md}, the metric catalogue (it may not exist on a branch yet). */
    public static Path metricCatalogue() {
        return root().resolve("docs").resolve("metrics.md");
    }

    private static List<Path> list(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
