package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboards are importable as they are and follow Grafana's conventions: one data source variable,
 * job/instance variables as the dashboard linter wants them, unique ids, a unit and a description on
 * every panel, every panel on the templated data source, a layout without overlaps.
 */
class DashboardStructureTest {

    /** Grafana unit ids (packages/grafana-data/src/valueFormats/categories.ts) these dashboards may use. */
    private static final Set<String> GRAFANA_UNITS =
            Set.of(
                    "none",
                    "short",
                    "percent",
                    "percentunit",
                    "ops",
                    "reqps",
                    "rps",
                    "wps",
                    "iops",
                    "s",
                    "ms",
                    "µs",
                    "ns",
                    "dtdurations",
                    "bytes",
                    "decbytes",
                    "bits",
                    "binBps",
                    "Bps",
                    "decBps",
                    "bps");

    private final List<Dashboard> dashboards = Dashboard.project();

    @Test
    void theTwoDashboardsExistWithUniqueUidsAndTitles() {
        assertThat(dashboards)
                .extracting(Dashboard::uid)
                .containsExactlyInAnyOrder("mapwatch-maps", "mapwatch-jvm-concurrency");
        assertThat(dashboards)
                .extracting(Dashboard::title)
                .doesNotHaveDuplicates()
                .allMatch(t -> t.startsWith("mapwatch / "));
        for (Dashboard dashboard : dashboards) {
            JsonNode json = dashboard.json();
            assertThat(json.has("__inputs"))
                    .as(dashboard + ": importable without __inputs")
                    .isFalse();
            assertThat(json.path("schemaVersion").asInt())
                    .as(dashboard + " schemaVersion")
                    .isBetween(36, 41);
            assertThat(json.path("id").isNull())
                    .as(dashboard + ": id null, so that import creates it")
                    .isTrue();
            assertThat(json.path("tags").toString())
                    .as(dashboard + " tags")
                    .contains("\"mapwatch\"");
            assertThat(json.path("description").asText())
                    .as(dashboard + " description")
                    .isNotBlank();
        }
    }

    @Test
    void exactlyOneDataSourceVariableAndJobInstanceVariablesAsTheLinterWants() {
        for (Dashboard dashboard : dashboards) {
            List<JsonNode> sources =
                    dashboard.variables().stream()
                            .filter(variable -> "datasource".equals(variable.path("type").asText()))
                            .toList();
            assertThat(sources).as(dashboard + " data source variables").hasSize(1);
            JsonNode source = sources.get(0);
            assertThat(source.path("name").asText()).isEqualTo("datasource");
            assertThat(source.path("label").asText()).isEqualTo("Data Source");
            assertThat(source.path("query").asText()).isEqualTo("prometheus");

            for (String name : List.of("job", "instance")) {
                JsonNode variable = variable(dashboard, name);
                assertThat(variable.path("label").asText())
                        .as(dashboard + " $" + name + " label")
                        .isEqualTo(name);
                assertThat(variable.path("type").asText()).isEqualTo("query");
                assertThat(variable.path("multi").asBoolean())
                        .as(dashboard + " $" + name + " multi")
                        .isTrue();
                assertThat(variable.path("allValue").asText())
                        .as(dashboard + " $" + name + " allValue")
                        .isEqualTo(".+");
            }
            for (JsonNode variable : dashboard.variables()) {
                if ("query".equals(variable.path("type").asText())) {
                    String name = dashboard + " $" + variable.path("name").asText();
                    assertThat(variable.path("datasource").path("uid").asText())
                            .as(name)
                            .isEqualTo("$datasource");
                    assertThat(variable.path("refresh").asInt())
                            .as(name + " reloads on time change")
                            .isEqualTo(2);
                    assertThat(variable.path("definition").asText())
                            .as(name)
                            .startsWith("label_values(");
                    assertThat(variable.path("query").path("query").asText())
                            .as(name)
                            .isEqualTo(variable.path("definition").asText());
                }
            }
        }
        assertThat(variable(find("mapwatch-maps"), "map").path("definition").asText())
                .contains("map)");
    }

    @Test
    void panelIdsAreUniqueAndTheLayoutHasNoOverlaps() {
        for (Dashboard dashboard : dashboards) {
            List<JsonNode> panels = dashboard.panelsAndRows();
            assertThat(panels)
                    .extracting(panel -> panel.path("id").asInt())
                    .as(dashboard + " panel ids")
                    .doesNotHaveDuplicates()
                    .allMatch(id -> id > 0);
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode panel : panels) {
                JsonNode grid = panel.path("gridPos");
                String name = dashboard + " / " + panel.path("title").asText();
                for (String field : List.of("h", "w", "x", "y")) {
                    assertThat(grid.path(field).isInt()).as(name + " gridPos." + field).isTrue();
                }
                int[] box = {
                    grid.path("x").asInt(),
                    grid.path("y").asInt(),
                    grid.path("w").asInt(),
                    grid.path("h").asInt()
                };
                assertThat(box[0] + box[2]).as(name + " fits 24 columns").isLessThanOrEqualTo(24);
                for (int[] other : boxes) {
                    boolean overlap =
                            box[0] < other[0] + other[2]
                                    && other[0] < box[0] + box[2]
                                    && box[1] < other[1] + other[3]
                                    && other[1] < box[1] + box[3];
                    assertThat(overlap).as(name + " overlaps another panel").isFalse();
                }
                boxes.add(box);
            }
        }
    }

    @Test
    void everyPanelHasATitleADescriptionAUnitAndTheTemplatedDataSource() {
        int panels = 0;
        for (Dashboard dashboard : dashboards) {
            Set<String> titles = new HashSet<>();
            for (JsonNode panel : dashboard.panels()) {
                panels++;
                String name = dashboard + " / " + panel.path("title").asText();
                assertThat(titles.add(panel.path("title").asText()))
                        .as(name + ": titles are unique")
                        .isTrue();
                assertThat(panel.path("title").asText()).as(name).isNotBlank();
                assertThat(panel.path("description").asText())
                        .as(name + " description")
                        .isNotBlank();
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                        .as(name + " unit")
                        .isIn(GRAFANA_UNITS);
                assertThat(panel.path("datasource").path("uid").asText())
                        .as(name + " datasource")
                        .isEqualTo("$datasource");
                JsonNode targets = panel.path("targets");
                assertThat(targets.size()).as(name + " targets").isPositive();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : targets) {
                    assertThat(target.path("datasource").path("uid").asText())
                            .as(name + " target datasource")
                            .isEqualTo("$datasource");
                    assertThat(refIds.add(target.path("refId").asText()))
                            .as(name + " refIds unique")
                            .isTrue();
                    assertThat(target.path("expr").asText()).as(name + " expr").isNotBlank();
                }
            }
        }
        assertThat(panels).as("panels in all dashboards").isGreaterThanOrEqualTo(30);
    }

    private Dashboard find(String uid) {
        return dashboards.stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
    }

    private static JsonNode variable(Dashboard dashboard, String name) {
        return dashboard.variables().stream()
                .filter(v -> name.equals(v.path("name").asText()))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(dashboard + " has no $" + name + " variable"));
    }
}
