package dev.mapwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Grafana dashboard as read from its JSON, with its panels, queries and variables. */
final class Dashboard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode json;

    private Dashboard(Path file, JsonNode json) {
        this.file = file;
        this.json = json;
    }

    /**
     * One PromQL query of a panel.
     *
     * @param dashboard the dashboard's title
     * @param panel     the panel's title
     * @param targetIdx the target's index in the panel (as the linter's exclusions count)
     * @param refId     the target's refId
     * @param expr      the PromQL, with Grafana variables
     */
    record Query(String dashboard, String panel, int targetIdx, String refId, String expr) {

        String where() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    /** A template variable's PromQL, {@code label_values(selector, label)} read as its selector. */
    record VariableQuery(String dashboard, String variable, String definition) {

        String selector() {
            return GrafanaQuery.labelValuesSelector(definition);
        }
    }

    static List<Dashboard> project() {
        return ProjectLayout.dashboards().stream().map(Dashboard::read).toList();
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Path file() {
        return file;
    }

    JsonNode json() {
        return json;
    }

    String title() {
        return json.path("title").asText();
    }

    String uid() {
        return json.path("uid").asText();
    }

    /** Every panel, rows' collapsed panels included, rows themselves excluded. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** Every panel and row, for the id and layout checks. */
    List<JsonNode> panelsAndRows() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            JsonNode targets = panel.path("targets");
            for (int i = 0; i < targets.size(); i++) {
                JsonNode target = targets.get(i);
                queries.add(
                        new Query(
                                title(),
                                panel.path("title").asText(),
                                i,
                                target.path("refId").asText(),
                                target.path("expr").asText()));
            }
        }
        for (JsonNode annotation : json.path("annotations").path("list")) {
            if (annotation.has("expr")) {
                queries.add(
                        new Query(
                                title(),
                                "annotation " + annotation.path("name").asText(),
                                0,
                                "annotation",
                                annotation.path("expr").asText()));
            }
        }
        return queries;
    }

    List<VariableQuery> variableQueries() {
        return variables().stream()
                .filter(variable -> "query".equals(variable.path("type").asText()))
                .map(
                        variable ->
                                new VariableQuery(
                                        title(),
                                        variable.path("name").asText(),
                                        variable.path("definition").asText()))
                .toList();
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
