package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mapwatch.alerts.tooling.ProcessResult;
import dev.mapwatch.alerts.tooling.PromqlNames;
import dev.mapwatch.alerts.tooling.Promtool;
import dev.mapwatch.alerts.tooling.RuleFiles;
import dev.mapwatch.testkit.MetricCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL of the dashboards (panels, annotations, variables) parses, checked by the real promtool,
 * and reads only series of the metric catalogue or recording rules of {@code alerts/}.
 */
class DashboardQueriesTest {

    private final List<Dashboard> dashboards = Dashboard.project();

    @Test
    void everyQueryParses(@TempDir Path dir) throws IOException {
        Promtool promtool = Promtool.require();
        // One recording rule per query, in a group named after it: promtool names the group of a
        // bad one.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = yaml.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        int count = 0;
        for (Dashboard dashboard : dashboards) {
            for (Dashboard.Query query : dashboard.queries()) {
                addRule(
                        groups,
                        query.where(),
                        GrafanaQuery.render(query.expr(), SampleVariables.all()),
                        count++);
            }
            for (Dashboard.VariableQuery variable : dashboard.variableQueries()) {
                addRule(
                        groups,
                        dashboard.title() + " / $" + variable.variable(),
                        GrafanaQuery.render(variable.selector(), SampleVariables.all()),
                        count++);
            }
        }
        Path rules = dir.resolve("dashboard-queries.rules.yml");
        yaml.writeValue(rules.toFile(), root);

        ProcessResult result = promtool.checkRules(List.of(rules));

        assertThat(result.succeeded())
                .as(result.describe() + "\n" + Files.readString(rules))
                .isTrue();
        assertThat(result.output()).contains("SUCCESS: " + count + " rules found");
        assertThat(count).isGreaterThan(50);
    }

    private static void addRule(ArrayNode groups, String name, String expr, int index) {
        ObjectNode group = groups.addObject();
        group.put("name", name);
        ObjectNode rule = group.putArray("rules").addObject();
        rule.put("record", "dashboard_query_" + index);
        rule.put("expr", expr);
    }

    @Test
    void everySeriesTheDashboardsReadIsInTheCatalogueOrARecordingRule() {
        MetricCatalogue catalogue = MetricCatalogue.load();
        Set<String> known = new HashSet<>(catalogue.seriesNames());
        RuleFiles.project().recordingRules().forEach(rule -> known.add(rule.name()));

        Set<String> unknown = new TreeSet<>();
        List<String> read = new ArrayList<>();
        for (Dashboard dashboard : dashboards) {
            for (Dashboard.Query query : dashboard.queries()) {
                for (String series : PromqlNames.seriesIn(query.expr())) {
                    read.add(series);
                    if (!known.contains(series)) {
                        unknown.add(series + " (" + query.where() + ")");
                    }
                }
            }
            for (Dashboard.VariableQuery variable : dashboard.variableQueries()) {
                for (String series : PromqlNames.seriesIn(variable.selector())) {
                    if (!known.contains(series)) {
                        unknown.add(
                                series
                                        + " ("
                                        + dashboard.title()
                                        + " $"
                                        + variable.variable()
                                        + ")");
                    }
                }
            }
        }
        assertThat(unknown)
                .as("series not in " + catalogue.source() + " nor recorded in alerts/")
                .isEmpty();
        // The dashboards show every JVM and map family of the contract.
        assertThat(read)
                .contains(
                        "mapwatch_map_lookups_total",
                        "mapwatch_map_tombstone_oldest_age_seconds",
                        "mapwatch_threads_live",
                        "mapwatch_thread_lifetime_seconds_bucket",
                        "mapwatch_allocation_bytes_total",
                        "mapwatch_virtual_thread_pinned_seconds_sum",
                        "mapwatch_cpu_cache_misses_total",
                        "mapwatch_map_loads_total",
                        "mapwatch_map_load_seconds_sum",
                        "mapwatch_map_load_seconds_count",
                        "mapwatch_map_evictions_total",
                        "job_map:mapwatch_cache_hit_ratio:rate5m_mean_1d",
                        "job_map:mapwatch_cache_hit_ratio:rate5m_sigma_1d",
                        "job:mapwatch_threads_live:avg_mean_1w",
                        "job:mapwatch_threads_live:avg_sigma_1w");
    }
}
