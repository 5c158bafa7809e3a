package dev.mapwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code dashboards/.lint}: the dashboard linter's exclusions, per rule, dashboard, panel and target. */
final class LintExclusions {

    /** One excluded panel (every target when {@code targetIdx} is null), of one rule. */
    record Entry(String rule, String dashboard, String panel, Integer targetIdx) {

        boolean covers(String rule, Dashboard.Query query) {
            return this.rule.equals(rule)
                    && dashboard.equals(query.dashboard())
                    && panel.equals(query.panel())
                    && (targetIdx == null || targetIdx == query.targetIdx());
        }
    }

    private final List<Entry> entries;

    private LintExclusions(List<Entry> entries) {
        this.entries = entries;
    }

    static LintExclusions project() {
        Path file = ProjectLayout.root().resolve("dashboards").resolve(".lint");
        if (!Files.exists(file)) {
            return new LintExclusions(List.of());
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            List<Entry> entries = new ArrayList<>();
            root.path("exclusions")
                    .fields()
                    .forEachRemaining(
                            rule -> {
                                for (JsonNode entry : rule.getValue().path("entries")) {
                                    entries.add(
                                            new Entry(
                                                    rule.getKey(),
                                                    entry.path("dashboard").asText(),
                                                    entry.path("panel").asText(),
                                                    entry.has("targetIdx")
                                                            ? entry.path("targetIdx").asInt()
                                                            : null));
                                }
                            });
            return new LintExclusions(List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    List<Entry> entries() {
        return entries;
    }

    boolean excludes(String rule, Dashboard.Query query) {
        return entries.stream().anyMatch(entry -> entry.covers(rule, query));
    }
}
