package dev.mapwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.PromqlNames;
import dev.mapwatch.alerts.tooling.RuleFiles;
import dev.mapwatch.alerts.tooling.RuleFiles.Rule;
import dev.mapwatch.alerts.tooling.Runbooks;
import dev.mapwatch.testkit.MetricCatalogue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** What every alert and recording rule must have, and how they tie to the catalogue and the runbooks. */
class AlertConventionsTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final RuleFiles rules = RuleFiles.project();
    private final Runbooks runbooks = Runbooks.load();

    @Test
    void everyAlertHasSeveritySummaryDescriptionWithValuesAndRunbook() {
        assertThat(rules.alerts()).hasSizeGreaterThanOrEqualTo(12);
        for (Rule alert : rules.alerts()) {
            String name = alert.name();
            assertThat(alert.labels().get("severity")).as(name + " severity").isIn(SEVERITIES);
            assertThat(alert.annotations().get("summary")).as(name + " summary").isNotBlank();
            assertThat(alert.annotations().get("description"))
                    .as(name + " description shows values")
                    .containsAnyOf("$value", "$labels")
                    .contains("{{");
            assertThat(alert.annotations().keySet())
                    .as(name + " annotations")
                    .containsExactlyInAnyOrder("summary", "description", "runbook_url");
        }
        assertThat(rules.alerts()).extracting(Rule::name).doesNotHaveDuplicates();
    }

    @Test
    void everyRunbookUrlPointsToARunbookHeadingThatSaysWhatItMeansHowToConfirmAndFix() {
        for (Rule alert : rules.alerts()) {
            String url = alert.annotations().get("runbook_url");
            assertThat(url).as(alert.name() + " runbook_url").startsWith(Runbooks.BASE_URL);
            String anchor = url.substring(Runbooks.BASE_URL.length());
            assertThat(anchor)
                    .as(alert.name() + " anchor")
                    .isEqualTo(Runbooks.anchor(alert.name()));
            assertThat(runbooks.headingsByAnchor())
                    .as("headings of docs/runbooks.md")
                    .containsKey(anchor);

            String section = runbooks.section(alert.name());
            assertThat(section)
                    .as("runbook of " + alert.name())
                    .contains("**Means.**", "**Confirm.**", "**Fix.**")
                    .containsAnyOf("mapwatch report", "mapwatch bpf", "mapwatch attach", "jcmd")
                    .containsAnyOf("panel", "Targets", "targets");
        }
    }

    @Test
    void everyRunbookOfAnAlertHasItsAlert() {
        Set<String> alertNames =
                rules.alerts().stream().map(Rule::name).collect(Collectors.toSet());
        Set<String> runbookAlerts =
                runbooks.headingsByAnchor().values().stream()
                        .filter(heading -> heading.startsWith("Mapwatch"))
                        .collect(Collectors.toSet());
        assertThat(runbookAlerts).as("runbooks of alerts that do not exist").isSubsetOf(alertNames);
    }

    @Test
    void everySeriesTheRulesReadIsInTheCatalogueOrRecordedHere() {
        MetricCatalogue catalogue = MetricCatalogue.load();
        Set<String> known = new HashSet<>(catalogue.seriesNames());
        rules.recordingRules().forEach(rule -> known.add(rule.name()));

        Set<String> unknown = new TreeSet<>();
        for (Rule rule : rules.rules()) {
            for (String series : PromqlNames.seriesIn(rule.expr())) {
                if (!known.contains(series)) {
                    unknown.add(series + " (in " + rule.name() + ")");
                }
            }
        }
        assertThat(unknown)
                .as("series not in " + catalogue.source() + " nor recorded in alerts/")
                .isEmpty();
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperationsAndAggregateByJob() {
        for (Rule rule : rules.recordingRules()) {
            assertThat(rule.name())
                    .as("level:metric:operations")
                    .matches("(job|instance|job_map|instance_map):mapwatch_[a-z0-9_]+:[a-z0-9_]+");
            if (rule.expr().contains(" by (")) {
                assertThat(rule.expr())
                        .as(rule.name() + " aggregates by job first")
                        .contains("by (job");
            }
        }
        assertThat(rules.recordingRules()).extracting(Rule::name).doesNotHaveDuplicates();
    }

    @Test
    void everyBaselineHasAnAlertOnBothItsZScoresAtTwoPointThreeSigmas() {
        List<String> zscores =
                rules.recordingRules().stream()
                        .map(Rule::name)
                        .filter(name -> name.endsWith("_zscore_1w"))
                        .toList();
        assertThat(zscores).as("baselines").hasSize(7);
        for (String zscore : zscores) {
            String seasonal = zscore.replace("_zscore_1w", "_zscore_seasonal_1d");
            List<Rule> alerts =
                    rules.alerts().stream().filter(alert -> alert.expr().contains(zscore)).toList();
            assertThat(alerts).as("alerts on " + zscore).hasSize(1);
            assertThat(alerts.get(0).expr())
                    .as(alerts.get(0).name())
                    .contains(seasonal, "> 2.3")
                    .doesNotContain("> 2.0", "> 3");
        }
    }

    @Test
    void everyAlertIsShownToFireInAPromtoolUnitTest(TestInfo info) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> fired = new TreeSet<>();
        for (Path test : ProjectLayout.ruleTests()) {
            for (JsonNode group : yaml.readTree(test.toFile()).path("tests")) {
                for (JsonNode alertTest : group.path("alert_rule_test")) {
                    if (!alertTest.path("exp_alerts").isEmpty()) {
                        fired.add(alertTest.path("alertname").asText());
                    }
                }
            }
        }
        assertThat(fired)
                .as("alerts with a firing case in alerts/tests")
                .containsExactlyInAnyOrderElementsOf(
                        rules.alerts().stream().map(Rule::name).toList());
    }
}
