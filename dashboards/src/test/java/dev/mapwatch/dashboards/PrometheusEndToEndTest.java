package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.PrometheusServer;
import dev.mapwatch.alerts.tooling.PrometheusServer.ScrapeJob;
import dev.mapwatch.alerts.tooling.RuleFiles;
import dev.mapwatch.alerts.tooling.SystemTool;
import dev.mapwatch.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus on loopback, with the rule files of {@code alerts/}, scraping {@code mapwatch demo}
 * (the agent jar, a child JVM on the JDK under test) and two bpf runners attached to the demo
 * ({@code bpf run cache-misses} and {@code bpf run offcpu}, real bpftrace) every second: the rules load and
 * are healthy, every recording rule and every dashboard query (panels and variables) returns data.
 *
 * <p>What depends on the JDK is explicit: on JDK 21+ every query by thread {@code kind} has both
 * {@code platform} and {@code virtual} series and the virtual-thread pinning panels have data; before
 * JDK 21 there are no virtual threads, so those queries have only {@code platform} and pinning has none.
 * The bpf queries need root and bpftrace, which {@code scripts/install-test-deps} sets up: where
 * {@code bpf run} refuses for want of one of those, the bpf test is skipped with the reason (under
 * {@code CI=true} it fails). Where it refuses for want of a capability of the host itself (no CPU PMU on
 * this virtual machine, say), that script's path is the product's on such a host: the runner refuses in
 * one documented line, {@code bpf check} names the same cause as a host capability, and the recording
 * rules and panels that read the script's families are empty rather than wrong. The test prints which
 * path each script took.
 *
 * <p>The demo has no cache, so the rules and panels that read caches are shown empty there (and the
 * cache-only families absent); {@code CachePanelsTest} evaluates them over known cache series.
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

    /** Each bpf script the dashboards and rules read, with the prefix of the families it exports. */
    private static final Map<String, String> BPF_FAMILIES =
            Map.of("cache-misses", "mapwatch_cpu_cache_", "offcpu", "mapwatch_offcpu_");

    /** The map the maps dashboard shows: the one with promotions and tombstones. */
    private static final String MAP = "demo-sync-map";

    /** The group whose z-scores need a day of history (see mapwatch-recording.rules.yml). */
    private static final String NEEDS_A_DAY = "mapwatch-anomaly-scores";

    /** The bpf `run` exit code for "the script cannot run here" (see {@code mapwatch bpf run --help}). */
    private static final int CANNOT_RUN_HERE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The child JVMs run the same JDK as this test (the root pom points both at test.java.home). */
    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    private static final Set<String> THREAD_KINDS =
            VIRTUAL_THREADS ? Set.of("platform", "virtual") : Set.of("platform");

    private final List<AgentJarProcess> children = new ArrayList<>();
    private AgentJarProcess.Endpoint demo;
    private long demoPid;

    /** The runners serving, by script. */
    private final Map<String, AgentJarProcess.Endpoint> bpfRunners = new TreeMap<>();

    /** The runners that refused to run here, by script: what they printed. */
    private final Map<String, String> bpfRefusals = new TreeMap<>();

    private PrometheusServer prometheus;

    /** A failed start-up, reported by every test rather than retried by each. */
    private RuntimeException startFailure;

    @TempDir Path dir;

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
        AgentJarProcess demoProcess =
                child("demo", "demo", "--port", "0", "--duration", "10m", "--interval", "1m");
        demo =
                demoProcess
                        .awaitEndpoint(STARTUP)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "demo exited before serving: "
                                                        + demoProcess.exit()));
        demoPid = demoProcess.pid();
        startBpfRunners(demoPid);
        List<ScrapeJob> jobs = new ArrayList<>();
        jobs.add(new ScrapeJob(AGENT_JOB, List.of(demo.address()), demo.metricsPath()));
        if (!bpfRunners.isEmpty()) {
            jobs.add(
                    new ScrapeJob(
                            BPF_JOB,
                            bpfRunners.values().stream()
                                    .map(AgentJarProcess.Endpoint::address)
                                    .toList(),
                            bpfRunners.values().iterator().next().metricsPath()));
        }
        return PrometheusServer.start(dir, ProjectLayout.ruleFiles(), jobs, INTERVAL);
    }

    /**
     * One runner per script, all started before any is awaited (bpftrace takes seconds to compile). A
     * runner that says it cannot run here is kept as a refusal; any other failure fails the start-up.
     */
    private void startBpfRunners(long pid) {
        Map<String, AgentJarProcess> runners = new TreeMap<>();
        BPF_FAMILIES
                .keySet()
                .forEach(
                        script ->
                                runners.put(
                                        script,
                                        child(
                                                "bpf-" + script,
                                                "bpf",
                                                "run",
                                                script,
                                                "--pid",
                                                Long.toString(pid),
                                                "--port",
                                                "0",
                                                "--interval",
                                                "1s")));
        runners.forEach(
                (script, runner) -> {
                    Optional<AgentJarProcess.Endpoint> endpoint = runner.awaitEndpoint(STARTUP);
                    if (endpoint.isPresent()) {
                        bpfRunners.put(script, endpoint.get());
                        return;
                    }
                    AgentJarProcess.Exit exit = runner.exit();
                    if (exit.code() != CANNOT_RUN_HERE) {
                        throw new IllegalStateException(
                                "bpf run "
                                        + script
                                        + " failed (exit "
                                        + exit.code()
                                        + "):\n"
                                        + exit.output());
                    }
                    bpfRefusals.put(script, exit.output());
                });
    }

    /** {@code bpf check --pid <demo> --format json}: per script, each requirement with its kind and status. */
    private JsonNode bpfCheck() {
        AgentJarProcess check =
                child(
                        "bpf-check",
                        "bpf",
                        "check",
                        "--pid",
                        Long.toString(demoPid),
                        "--format",
                        "json");
        AgentJarProcess.Exit exit = check.awaitExit(STARTUP);
        assertThat(exit.code())
                .as("bpf check exit code (3: some script cannot run here)\n%s", exit.output())
                .isEqualTo(bpfRefusals.isEmpty() ? 0 : CANNOT_RUN_HERE);
        try {
            return JSON.readTree(exit.output());
        } catch (java.io.IOException e) {
            throw new AssertionError(
                    "bpf check --format json printed no JSON:\n" + exit.output(), e);
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
        for (int i = children.size() - 1;
                i >= 0;
                i--) { // the bpf runners before the demo they watch
            children.get(i).close();
        }
    }

    @Test
    void everyRuleLoadsAndEvaluatesHealthy() {
        int expected = RuleFiles.project().rules().size();
        boolean healthy =
                Poll.holds(
                        DEADLINE,
                        prometheus()::ruleGroups,
                        groups ->
                                rules(groups).size() == expected
                                        && rules(groups).stream()
                                                .allMatch(
                                                        rule ->
                                                                "ok"
                                                                        .equals(
                                                                                rule.path("health")
                                                                                        .asText())));
        assertThat(healthy)
                .as(
                        "all %d rules loaded with health ok:\n%s\n%s",
                        expected, prometheus().ruleGroups().toPrettyString(), prometheus().log())
                .isTrue();
    }

    @Test
    void everyRecordingRuleReturnsDataExceptTheZScoresThatNeedADay() {
        List<RuleFiles.Rule> recording = RuleFiles.project().recordingRules();
        Map<String, String> withData = new TreeMap<>();
        recording.stream()
                .filter(
                        rule ->
                                !rule.group().equals(NEEDS_A_DAY)
                                        && !readsBpf(rule.expr())
                                        && !CacheQueries.readsCaches(rule.expr()))
                .forEach(rule -> withData.put(rule.name(), rule.group()));
        assertThat(withData).hasSizeGreaterThan(25);
        assertAnswered(withData);

        // The history guard holds in a real Prometheus too: seconds of data give no z-score.
        for (RuleFiles.Rule rule : recording) {
            if (rule.group().equals(NEEDS_A_DAY)) {
                assertThat(prometheus().query(rule.name()))
                        .as(rule.name() + " after seconds of history")
                        .isEmpty();
            }
        }
    }

    @Test
    void everyDashboardQueryAndVariableReturnsData() {
        Map<String, String> agentQueries = new TreeMap<>();
        Map<String, String> pinningQueries = new TreeMap<>();
        dashboardQueries()
                .forEach(
                        (query, where) -> {
                            if (query.contains("mapwatch_virtual_thread_pinned")) {
                                pinningQueries.put(query, where);
                            } else if (!readsBpf(query) && !CacheQueries.readsCaches(query)) {
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
            pinningQueries
                    .keySet()
                    .forEach(
                            query ->
                                    assertThat(prometheus().query(query))
                                            .as(
                                                    "%s before JDK 21: %s",
                                                    pinningQueries.get(query), query)
                                            .isEmpty());
        }
    }

    /**
     * The demo has no cache (its jar holds no cache library, and the agent loads none into it): every
     * rule and panel that reads caches is empty rather than wrong, and none of the demo's maps has a
     * series in the cache-only families (absent, not zero). {@code CachePanelsTest} shows the cache
     * panels' figures over known cache series.
     */
    @Test
    void everyCacheRuleAndPanelIsEmptyWithoutACacheAndNoMapHasTheCacheFamilies() {
        Map<String, String> cacheQueries = new TreeMap<>();
        RuleFiles.project().recordingRules().stream()
                .filter(rule -> CacheQueries.readsCaches(rule.expr()))
                .forEach(rule -> cacheQueries.put(rule.name(), rule.group()));
        dashboardQueries()
                .forEach(
                        (query, where) -> {
                            if (CacheQueries.readsCaches(query)) {
                                cacheQueries.put(query, where);
                            }
                        });
        assertThat(cacheQueries).as("rules and panels reading caches").hasSizeGreaterThan(10);
        // The demo's maps are there (and counted as maps are), so an empty answer is not a missing
        // scrape.
        assertAnswered(
                Map.of(
                        "mapwatch_map_lookups_total{job=\"" + AGENT_JOB + "\"}",
                        "the demo's map lookups"));
        cacheQueries.put(
                "{__name__=~\"mapwatch_map_(loads_total|load_seconds_count|load_seconds_sum|evictions_total)\", job=\""
                        + AGENT_JOB
                        + "\"}",
                "the cache-only families on the demo");
        assertEmptyOnceEvaluated(cacheQueries);
    }

    @Test
    void everyBpfRecordingRuleAndDashboardQueryReturnsDataWhereTheHostCanRunItsScript() {
        prometheus();
        assertThat(bpfRunners.size() + bpfRefusals.size()).isEqualTo(BPF_FAMILIES.size());
        Map<String, Map<String, String>> queriesByScript = new TreeMap<>();
        BPF_FAMILIES.keySet().forEach(script -> queriesByScript.put(script, new TreeMap<>()));
        RuleFiles.project()
                .recordingRules()
                .forEach(
                        rule ->
                                scriptRead(rule.expr())
                                        .ifPresent(
                                                script ->
                                                        queriesByScript
                                                                .get(script)
                                                                .put(rule.name(), rule.group())));
        dashboardQueries()
                .forEach(
                        (query, where) ->
                                scriptRead(query)
                                        .ifPresent(
                                                script ->
                                                        queriesByScript
                                                                .get(script)
                                                                .put(query, where)));
        queriesByScript.forEach(
                (script, queries) ->
                        assertThat(queries).as("queries reading " + script).isNotEmpty());
        assertThat(queriesByScript.values().stream().mapToInt(Map::size).sum())
                .isGreaterThanOrEqualTo(8);

        if (!bpfRefusals.isEmpty()) {
            assertRefusalsAreHostCapabilities(bpfCheck());
        }
        Map<String, String> answered = new TreeMap<>();
        bpfRunners.keySet().forEach(script -> answered.putAll(queriesByScript.get(script)));
        assertAnswered(answered);
        // Each runner watches the demo, not some other process; a refused script exports nothing.
        JsonNode reports =
                prometheus().query("mapwatch_bpf_reports_total{job=\"" + BPF_JOB + "\"}");
        assertThat(labelValues(reports, "script"))
                .containsExactlyInAnyOrderElementsOf(bpfRunners.keySet());
        if (!bpfRunners.isEmpty()) {
            assertThat(labelValues(reports, "pid")).containsExactly(Long.toString(demoPid));
        }
        bpfRefusals
                .keySet()
                .forEach(script -> assertEmptyOnceEvaluated(queriesByScript.get(script)));
        bpfRunners
                .keySet()
                .forEach(
                        script ->
                                System.out.println(
                                        "[PrometheusEndToEndTest] "
                                                + script
                                                + ": runs here; its "
                                                + queriesByScript.get(script).size()
                                                + " rules and queries have data"));
    }

    /**
     * Each refusal is one line naming the cause, and {@code bpf check} names the same cause as a
     * capability of the host or of the target JVM. A refusal for want of something that is set up here
     * (bpftrace, root, tracefs) is a missing part instead: skipped, or a failure under CI.
     */
    private void assertRefusalsAreHostCapabilities(JsonNode check) {
        bpfRefusals.forEach(
                (script, refusal) -> {
                    JsonNode readiness =
                            StreamSupport.stream(check.path("scripts").spliterator(), false)
                                    .filter(s -> s.path("name").asText().equals(script))
                                    .findFirst()
                                    .orElseThrow(
                                            () ->
                                                    new AssertionError(
                                                            "bpf check has no "
                                                                    + script
                                                                    + ": "
                                                                    + check));
                    assertThat(readiness.path("runnable").asBoolean())
                            .as(script + " runnable in " + readiness)
                            .isFalse();
                    List<JsonNode> unmet =
                            StreamSupport.stream(readiness.path("findings").spliterator(), false)
                                    .filter(f -> f.path("status").asText().equals("unmet"))
                                    .toList();
                    assertThat(unmet).as("unmet requirements of " + script).isNotEmpty();
                    unmet.stream()
                            .filter(f -> f.path("kind").asText().equals("setup"))
                            .findFirst()
                            .ifPresent(
                                    f ->
                                            SystemTool.missing(
                                                    "bpf run "
                                                            + script
                                                            + " cannot run here: "
                                                            + f.path("detail").asText()));
                    String causes =
                            String.join(
                                    "; ",
                                    unmet.stream().map(f -> f.path("detail").asText()).toList());
                    assertThat(refusal)
                            .as("the runner's refusal: one line, exit " + CANNOT_RUN_HERE)
                            .isEqualTo(
                                    "mapwatch bpf run: "
                                            + script
                                            + " cannot run here: "
                                            + causes
                                            + System.lineSeparator());
                    System.out.println(
                            "[PrometheusEndToEndTest] "
                                    + script
                                    + ": host path, "
                                    + unmet.stream()
                                            .map(
                                                    f ->
                                                            f.path("requirement").asText()
                                                                    + " ("
                                                                    + f.path("kind").asText()
                                                                    + ")")
                                            .toList()
                                    + " unmet: "
                                    + causes);
                });
    }

    /**
     * Once every rule has been evaluated since a first look at them all (so the rules reading these
     * families ran with the runners' targets scraped), none of these queries has data.
     */
    private void assertEmptyOnceEvaluated(Map<String, String> whereByQuery) {
        Map<String, String> firstLook = new TreeMap<>();
        boolean evaluated =
                Poll.holds(
                        DEADLINE,
                        () -> lastEvaluations(prometheus().ruleGroups()),
                        now -> {
                            if (now.values().stream()
                                    .anyMatch(
                                            time ->
                                                    time.startsWith(
                                                            "0001-"))) { // not evaluated yet
                                return false;
                            }
                            if (firstLook.isEmpty()) {
                                firstLook.putAll(now);
                                return false;
                            }
                            return now.entrySet().stream()
                                    .noneMatch(e -> e.getValue().equals(firstLook.get(e.getKey())));
                        });
        assertThat(evaluated).as("every rule evaluated again within " + DEADLINE).isTrue();
        whereByQuery.forEach(
                (query, where) ->
                        assertThat(prometheus().query(query))
                                .as("%s: %s empty", where, query)
                                .isEmpty());
    }

    /** When each rule was last evaluated, by group and name. */
    private static Map<String, String> lastEvaluations(JsonNode groups) {
        Map<String, String> times = new TreeMap<>();
        groups.forEach(
                group ->
                        group.path("rules")
                                .forEach(
                                        rule ->
                                                times.put(
                                                        group.path("name").asText()
                                                                + "/"
                                                                + rule.path("name").asText(),
                                                        rule.path("lastEvaluation").asText())));
        return times;
    }

    /** Every panel's and variable's query rendered as Grafana would (annotations excluded), and where it is. */
    private Map<String, String> dashboardQueries() {
        prometheus(); // starts the targets, whose addresses are the instance labels
        String bpfInstances =
                String.join(
                        "|",
                        bpfRunners.values().stream()
                                .map(AgentJarProcess.Endpoint::address)
                                .toList());
        Map<String, String> values =
                SampleVariables.of(AGENT_JOB, demo.address(), MAP, BPF_JOB, bpfInstances, "10s");
        Map<String, String> whereByQuery = new TreeMap<>();
        for (Dashboard dashboard : Dashboard.project()) {
            for (Dashboard.Query query : dashboard.queries()) {
                if (!query.refId()
                        .equals("annotation")) { // alert annotations: empty while nothing fires
                    whereByQuery.put(GrafanaQuery.render(query.expr(), values), query.where());
                }
            }
            for (Dashboard.VariableQuery variable : dashboard.variableQueries()) {
                whereByQuery.put(
                        GrafanaQuery.render(variable.selector(), values),
                        dashboard.title() + " / $" + variable.variable());
            }
        }
        return whereByQuery;
    }

    /** The bpf runner's families: scraped from the runners, not from the agent. */
    private static boolean readsBpf(String query) {
        return scriptRead(query).isPresent();
    }

    /** The bpf script whose families {@code query} reads, if any. */
    private static Optional<String> scriptRead(String query) {
        return BPF_FAMILIES.entrySet().stream()
                .filter(e -> query.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Polls until every query (with where it is, for the message) is answered, or fails naming the rest. */
    private void assertAnswered(Map<String, String> whereByQuery) {
        Set<String> unanswered = new TreeSet<>(whereByQuery.keySet());
        Poll.holds(
                DEADLINE,
                () -> {
                    unanswered.removeIf(query -> answers(prometheus().query(query)));
                    return unanswered;
                },
                Set::isEmpty);
        assertThat(
                        unanswered.stream()
                                .map(
                                        query ->
                                                whereByQuery.get(query)
                                                        + ": "
                                                        + query
                                                        + " -> "
                                                        + prometheus().query(query))
                                .toList())
                .as(
                        "queries without data (or by thread kind without exactly %s) %s after Prometheus started;"
                                + " demo output:\n%s",
                        THREAD_KINDS, DEADLINE, children.get(0).output())
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
        result.forEach(
                series -> {
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
