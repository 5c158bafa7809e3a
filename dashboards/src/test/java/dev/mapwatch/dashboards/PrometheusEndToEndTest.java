package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.PrometheusServer;
import dev.mapwatch.alerts.tooling.PrometheusServer.ScrapeJob;
import dev.mapwatch.alerts.tooling.RuleFiles;
import dev.mapwatch.alerts.tooling.SyntheticMapwatchTarget;
import dev.mapwatch.alerts.tooling.SystemTool;

/**
 * A real Prometheus on loopback, with the rule files of {@code alerts/}, scraping mapwatch metrics every
 * second: the rules load and are healthy, every recording rule and every dashboard query (panels and
 * variables) returns data. The target is {@link SyntheticMapwatchTarget} (the contract's names, made-up
 * values) until {@code mapwatch demo} exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String AGENT_JOB = "mapwatch";
    private static final String BPF_JOB = "mapwatch-bpf";
    /** The group whose z-scores need a day of history (see mapwatch-recording.rules.yml). */
    private static final String NEEDS_A_DAY = "mapwatch-anomaly-scores";

    private SyntheticMapwatchTarget target;
    private PrometheusServer prometheus;

    @TempDir
    Path dir;

    /**
     * Starts the target and Prometheus on first use, so that a missing prometheus skips (or under CI
     * fails) each test with the reason, rather than the class silently.
     */
    private PrometheusServer prometheus() {
        if (prometheus == null) {
            SystemTool.require("prometheus", "prometheus"); // before starting anything
            target = target == null ? SyntheticMapwatchTarget.start() : target;
            prometheus = PrometheusServer.start(dir, ProjectLayout.ruleFiles(),
                    List.of(new ScrapeJob(AGENT_JOB, target.address(), SyntheticMapwatchTarget.AGENT_PATH),
                            new ScrapeJob(BPF_JOB, target.address(), SyntheticMapwatchTarget.BPF_PATH)),
                    INTERVAL);
        }
        return prometheus;
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void everyRuleLoadsAndEvaluatesHealthy() {
        int expected = RuleFiles.project().rules().size();
        boolean healthy = PrometheusServer.await(DEADLINE, prometheus()::ruleGroups,
                groups -> rules(groups).size() == expected
                        && rules(groups).stream().allMatch(rule -> "ok".equals(rule.path("health").asText())));
        assertThat(healthy).as("all %d rules loaded with health ok:\n%s\n%s", expected,
                prometheus().ruleGroups().toPrettyString(), prometheus().log()).isTrue();
    }

    @Test
    void everyRecordingRuleReturnsDataExceptTheZScoresThatNeedADay() {
        List<RuleFiles.Rule> recording = RuleFiles.project().recordingRules();
        List<String> withData = recording.stream().filter(rule -> !rule.group().equals(NEEDS_A_DAY))
                .map(RuleFiles.Rule::name).toList();
        assertThat(withData).hasSizeGreaterThan(30);
        Set<String> empty = awaitData(withData);
        assertThat(empty).as("recording rules without data after %s:\n%s", DEADLINE, prometheus().log()).isEmpty();

        // The history guard holds in a real Prometheus too: seconds of data give no z-score.
        for (RuleFiles.Rule rule : recording) {
            if (rule.group().equals(NEEDS_A_DAY)) {
                assertThat(prometheus().query(rule.name())).as(rule.name() + " after seconds of history").isEmpty();
            }
        }
    }

    @Test
    void everyDashboardQueryAndVariableReturnsData() {
        prometheus(); // starts the target too, whose address is the instance label
        Map<String, String> values = SampleVariables.of(AGENT_JOB, target.address(), SyntheticMapwatchTarget.MAP,
                BPF_JOB, target.address(), "10s");
        Map<String, String> whereByQuery = new TreeMap<>();
        for (Dashboard dashboard : Dashboard.project()) {
            for (Dashboard.Query query : dashboard.queries()) {
                if (!query.refId().equals("annotation")) { // alert annotations: empty while nothing fires
                    whereByQuery.put(GrafanaQuery.render(query.expr(), values), query.where());
                }
            }
            for (Dashboard.VariableQuery variable : dashboard.variableQueries()) {
                whereByQuery.put(GrafanaQuery.render(variable.selector(), values),
                        dashboard.title() + " / $" + variable.variable());
            }
        }
        assertThat(whereByQuery).hasSizeGreaterThan(50);
        Set<String> empty = awaitData(List.copyOf(whereByQuery.keySet()));
        assertThat(empty.stream().map(query -> whereByQuery.get(query) + ": " + query).toList())
                .as("dashboard queries without data after %s", DEADLINE).isEmpty();
    }

    /** Polls until every query has data or the deadline passes; returns those still empty. */
    private Set<String> awaitData(List<String> queries) {
        Set<String> empty = new TreeSet<>(queries);
        PrometheusServer.await(DEADLINE, () -> {
            empty.removeIf(query -> !prometheus().query(query).isEmpty());
            return empty;
        }, Set::isEmpty);
        return empty;
    }

    private static List<JsonNode> rules(JsonNode groups) {
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }
}
