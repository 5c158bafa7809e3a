package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.mapwatch.alerts.tooling.Poll;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.PrometheusServer;
import dev.mapwatch.alerts.tooling.PrometheusServer.ScrapeJob;
import dev.mapwatch.alerts.tooling.RuleFiles;
import dev.mapwatch.alerts.tooling.SystemTool;

/**
 * A real Prometheus on loopback, with the rule files of {@code alerts/}, scraping {@code mapwatch demo}
 * (the agent jar, a child JVM on the JDK under test) and two bpf runners attached to the demo
 * ({@code bpf run cache-misses} and {@code bpf run offcpu}, real bpftrace) every second: the rules load and
 * are healthy, every recording rule and every dashboard query (panels and variables) returns data.
 *
 * <p>What depends on the JDK is explicit: on JDK 21+ every query by thread {@code kind} has both
 * {@code platform} and {@code virtual} series and the virtual-thread pinning panels have data; before
 * JDK 21 there are no virtual threads, so those queries have only {@code platform} and pinning has none.
 * The bpf queries need root and bpftrace: where {@code bpf run} says it cannot run, their test is skipped
 * with its reason (under {@code CI=true} it fails).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How long each test polls: rates need two scrapes, a loaded machine takes a lot longer. */
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    /** For a child JVM to serve (bpftrace compiles its script first). */
    private static final Duration STARTUP = Duration.ofSeconds(45);
    private static final String AGENT_JOB = "mapwatch";
    private static final String BPF_JOB = "mapwatch-bpf";
    private static final List<String> BPF_SCRIPTS = List.of("cache-misses", "offcpu");
    /** The map the maps dashboard shows: the one with promotions and tombstones. */
    private static final String MAP = "demo-sync-map";
    /** The group whose z-scores need a day of history (see mapwatch-recording.rules.yml). */
    private static final String NEEDS_A_DAY = "mapwatch-anomaly-scores";
    /** The bpf `run` exit code for "the script cannot run here" (see {@code mapwatch bpf run --help}). */
    private static final int CANNOT_RUN_HERE = 3;

    /** The child JVMs run the same JDK as this test (the root pom points both at test.java.home). */
    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;
    private static final Set<String> THREAD_KINDS = VIRTUAL_THREADS ? Set.of("platform", "virtual") : Set.of("platform");

    private final List<AgentJarProcess> children = new ArrayList<>();
    private AgentJarProcess.Endpoint demo;
    private long demoPid;
    private final List<AgentJarProcess.Endpoint> bpfRunners = new ArrayList<>();
    private Optional<String> bpfUnavailable = Optional.empty();
    private PrometheusServer prometheus;
    /** A failed start-up, reported by every test rather than retried by each. */
    private RuntimeException startFailure;

    @TempDir
    Path dir;

    /**
     * Starts the demo, the bpf runners and Prometheus on first use, so that a missing prometheus skips
     * (or under CI fails) each test with the reason, rather than the class silently.
     */
    private PrometheusServer prometheus() {
        if (prometheus == null) {
            SystemTool.require("prometheus", "prometheus"); // before starting anything
            if (startFailure != null) {
                throw new IllegalStateException("start-up failed in an earlier test", startFailure);
            }
            try {
                prometheus = startAll();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return prometheus;
    }

    private PrometheusServer startAll() {
        AgentJarProcess demoProcess = child("demo", "demo", "--port", "0", "--duration", "10m", "--interval", "1m");
        demo = demoProcess.awaitEndpoint(STARTUP).orElseThrow(() -> new IllegalStateException(
                "demo exited before serving: " + demoProcess.exit()));
        demoPid = demoProcess.pid();
        startBpfRunners(demoPid);
        List<ScrapeJob> jobs = new ArrayList<>();
        jobs.add(new ScrapeJob(AGENT_JOB, List.of(demo.address()), demo.metricsPath()));
        if (!bpfRunners.isEmpty()) {
            jobs.add(new ScrapeJob(BPF_JOB, bpfRunners.stream().map(AgentJarProcess.Endpoint::address).toList(),
                    bpfRunners.get(0).metricsPath()));
        }
        return PrometheusServer.start(dir, ProjectLayout.ruleFiles(), jobs, INTERVAL);
    }

    /** One runner per script, all started before any is awaited (bpftrace takes seconds to compile). */
    private void startBpfRunners(long pid) {
        List<AgentJarProcess> runners = BPF_SCRIPTS.stream().map(script -> child("bpf-" + script, "bpf", "run", script,
                "--pid", Long.toString(pid), "--port", "0", "--interval", "1s")).toList();
        for (AgentJarProcess runner : runners) {
            Optional<AgentJarProcess.Endpoint> endpoint = runner.awaitEndpoint(STARTUP);
            if (endpoint.isPresent()) {
                bpfRunners.add(endpoint.get());
                continue;
            }
            AgentJarProcess.Exit exit = runner.exit();
            if (exit.code() != CANNOT_RUN_HERE) {
                throw new IllegalStateException("bpf run failed (exit " + exit.code() + "):\n" + exit.output());
            }
            bpfUnavailable = Optional.of(exit.output().strip());
            bpfRunners.clear();
            return;
        }
    }

    private AgentJarProcess child(String name, String... args) {
        AgentJarProcess child = AgentJarProcess.start(dir.resolve(name + ".log"), args);
        children.add(child);
        return child;
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        for (int i = children.size() - 1; i >= 0; i--) { // the bpf runners before the demo they watch
            children.get(i).close();
        }
    }

    @Test
    void everyRuleLoadsAndEvaluatesHealthy() {
        int expected = RuleFiles.project().rules().size();
        boolean healthy = Poll.until(DEADLINE, prometheus()::ruleGroups,
                groups -> rules(groups).size() == expected
                        && rules(groups).stream().allMatch(rule -> "ok".equals(rule.path("health").asText())));
        assertThat(healthy).as("all %d rules loaded with health ok:\n%s\n%s", expected,
                prometheus().ruleGroups().toPrettyString(), prometheus().log()).isTrue();
    }

    @Test
    void everyRecordingRuleReturnsDataExceptTheZScoresThatNeedADay() {
        List<RuleFiles.Rule> recording = RuleFiles.project().recordingRules();
        Map<String, String> withData = new TreeMap<>();
        recording.stream().filter(rule -> !rule.group().equals(NEEDS_A_DAY) && !readsBpf(rule.expr()))
                .forEach(rule -> withData.put(rule.name(), rule.group()));
        assertThat(withData).hasSizeGreaterThan(25);
        assertAnswered(withData);

        // The history guard holds in a real Prometheus too: seconds of data give no z-score.
        for (RuleFiles.Rule rule : recording) {
            if (rule.group().equals(NEEDS_A_DAY)) {
                assertThat(prometheus().query(rule.name())).as(rule.name() + " after seconds of history").isEmpty();
            }
        }
    }

    @Test
    void everyDashboardQueryAndVariableReturnsData() {
        Map<String, String> agentQueries = new TreeMap<>();
        Map<String, String> pinningQueries = new TreeMap<>();
        dashboardQueries().forEach((query, where) -> {
            if (query.contains("mapwatch_virtual_thread_pinned")) {
                pinningQueries.put(query, where);
            } else if (!readsBpf(query)) {
                agentQueries.put(query, where);
            }
        });
        assertThat(agentQueries).hasSizeGreaterThan(40);
        assertThat(pinningQueries).isNotEmpty();
        if (VIRTUAL_THREADS) {
            agentQueries.putAll(pinningQueries);
            assertAnswered(agentQueries);
        } else {
            assertAnswered(agentQueries);
            // Everything else has data by now: no pinning without virtual threads.
            pinningQueries.keySet().forEach(query -> assertThat(prometheus().query(query))
                    .as("%s before JDK 21: %s", pinningQueries.get(query), query).isEmpty());
        }
    }

    @Test
    void everyBpfRecordingRuleAndDashboardQueryReturnsData() {
        prometheus();
        bpfUnavailable.ifPresent(reason -> SystemTool.missing("bpf run cannot run here: " + reason));
        assertThat(bpfRunners).hasSize(BPF_SCRIPTS.size());
        Map<String, String> bpfQueries = new TreeMap<>();
        RuleFiles.project().recordingRules().stream().filter(rule -> readsBpf(rule.expr()))
                .forEach(rule -> bpfQueries.put(rule.name(), rule.group()));
        dashboardQueries().forEach((query, where) -> {
            if (readsBpf(query)) {
                bpfQueries.put(query, where);
            }
        });
        assertThat(bpfQueries).hasSizeGreaterThanOrEqualTo(8);
        assertAnswered(bpfQueries);
        // Each script watches the demo, not some other process.
        JsonNode reports = prometheus().query("mapwatch_bpf_reports_total{job=\"" + BPF_JOB + "\"}");
        assertThat(labelValues(reports, "script")).containsExactlyInAnyOrderElementsOf(BPF_SCRIPTS);
        assertThat(labelValues(reports, "pid")).containsExactly(Long.toString(demoPid));
    }

    /** Every panel's and variable's query rendered as Grafana would (annotations excluded), and where it is. */
    private Map<String, String> dashboardQueries() {
        prometheus(); // starts the targets, whose addresses are the instance labels
        String bpfInstances = String.join("|", bpfRunners.stream().map(AgentJarProcess.Endpoint::address).toList());
        Map<String, String> values = SampleVariables.of(AGENT_JOB, demo.address(), MAP, BPF_JOB, bpfInstances, "10s");
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
        return whereByQuery;
    }

    /** The bpf runner's families: scraped from the runners, not from the agent. */
    private static boolean readsBpf(String query) {
        return query.contains("mapwatch_cpu_cache_") || query.contains("mapwatch_offcpu_");
    }

    /** Polls until every query (with where it is, for the message) is answered, or fails naming the rest. */
    private void assertAnswered(Map<String, String> whereByQuery) {
        Set<String> unanswered = new TreeSet<>(whereByQuery.keySet());
        Poll.until(DEADLINE, () -> {
            unanswered.removeIf(query -> answers(prometheus().query(query)));
            return unanswered;
        }, Set::isEmpty);
        assertThat(unanswered.stream().map(query -> whereByQuery.get(query) + ": " + query + " -> "
                        + prometheus().query(query)).toList())
                .as("queries without data (or by thread kind without exactly %s) %s after Prometheus started;"
                        + " demo output:\n%s", THREAD_KINDS, DEADLINE, children.get(0).output())
                .isEmpty();
    }

    /**
     * Data, and where the series are by thread kind, exactly the kinds this JDK has: platform and
     * virtual on JDK 21+, platform only before.
     */
    private static boolean answers(JsonNode result) {
        Set<String> kinds = labelValues(result, "kind");
        boolean byThreadKind = kinds.contains("platform") || kinds.contains("virtual");
        return !result.isEmpty() && (!byThreadKind || kinds.equals(THREAD_KINDS));
    }

    /** The values of {@code label} in a query result, each once. */
    private static Set<String> labelValues(JsonNode result, String label) {
        Set<String> values = new TreeSet<>();
        result.forEach(series -> {
            JsonNode value = series.path("metric").path(label);
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    private static List<JsonNode> rules(JsonNode groups) {
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }
}
