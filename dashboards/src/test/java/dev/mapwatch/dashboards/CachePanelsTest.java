package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mapwatch.alerts.tooling.ProcessResult;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maps dashboard's cache panels, rendered as Grafana sends them, evaluated by the real promtool
 * with the project's rule files over two hours of known series (the catalogue's families, exact
 * rates): a Caffeine cache on two instances, a Guava and a Spring cache, a map that is not a cache,
 * and a cache of another job. Each panel shows exactly the selected job's caches with their figures
 * (hit ratio, its 1-day baseline and the alert's threshold, mean load time, load failures, evictions,
 * size), summed over instances, and nothing of the map. {@code PrometheusEndToEndTest} cannot show
 * this: the demo it scrapes has no cache.
 */
class CachePanelsTest {

    private static final String JOB = "shop";
    private static final String CAFFEINE =
            "{job=\"shop\",map=\"com.acme.Prices.cache\",strategy=\"Caffeine\"}";
    private static final String GUAVA =
            "{job=\"shop\",map=\"com.acme.Users.cache\",strategy=\"GuavaCache\"}";
    private static final String SPRING = "{job=\"shop\",map=\"prices\",strategy=\"SpringCache\"}";

    /**
     * Per-minute increments (counters) or values (gauges), for two hours. Caffeine, per instance: 12
     * hits and 4 misses a second, 3 successful and 1 failed load taking 1/32 s on average, 2 evictions;
     * Guava: 6 and 6, 6 loads of 1/16 s; Spring: 7 and 1, 1 load of 1/4 s.
     */
    private static final Map<String, String> SERIES = new LinkedHashMap<>();

    static {
        for (String instance : List.of("a:9464", "b:9464")) {
            cache("Caffeine", "com.acme.Prices.cache", instance, 720, 240, 180, 60, 7.5, 120, 1000);
        }
        cache("GuavaCache", "com.acme.Users.cache", "a:9464", 360, 360, 360, 0, 22.5, 0, 300);
        cache("SpringCache", "prices", "a:9464", 420, 60, 60, 0, 15, 0, 64);
        // not a cache: lookups and size only, never on a cache panel
        String sessions =
                "job=\"shop\",instance=\"a:9464\",map=\"com.acme.Sessions.sessions\",strategy=\"ConcurrentHashMap\"";
        SERIES.put("mapwatch_map_lookups_total{" + sessions + ",result=\"hit\"}", "0+600x120");
        SERIES.put("mapwatch_map_lookups_total{" + sessions + ",result=\"miss\"}", "0+60x120");
        SERIES.put("mapwatch_map_size{" + sessions + "}", "50x120");
        // another job's cache: not selected
        cache("Caffeine", "com.acme.Invoices.cache", "c:9464", 60, 60, 60, 60, 60, 60, 10);
    }

    private static void cache(
            String strategy,
            String map,
            String instance,
            double hits,
            double misses,
            double loaded,
            double failed,
            double loadSeconds,
            double evicted,
            double size) {
        String job = map.contains("Invoices") ? "billing" : JOB;
        String labels =
                "job=\"%s\",instance=\"%s\",map=\"%s\",strategy=\"%s\""
                        .formatted(job, instance, map, strategy);
        counter("mapwatch_map_lookups_total{" + labels + ",result=\"hit\"}", hits);
        counter("mapwatch_map_lookups_total{" + labels + ",result=\"miss\"}", misses);
        counter("mapwatch_map_loads_total{" + labels + ",result=\"success\"}", loaded);
        counter("mapwatch_map_loads_total{" + labels + ",result=\"failure\"}", failed);
        counter("mapwatch_map_load_seconds_count{" + labels + "}", loaded + failed);
        counter("mapwatch_map_load_seconds_sum{" + labels + "}", loadSeconds);
        counter("mapwatch_map_evictions_total{" + labels + "}", evicted);
        SERIES.put("mapwatch_map_size{" + labels + "}", format(size) + "x120");
    }

    private static void counter(String series, double perMinute) {
        SERIES.put(series, "0+" + format(perMinute) + "x120");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * What each cache query shows at 2h, by panel and refId: series labels to value, compared to a
     * millionth (promtool compares exactly, and a rate's extrapolation is not exact in binary).
     */
    private static final Map<String, Map<String, Double>> EXPECTED =
            Map.of(
                    "Cache hit ratio / A", Map.of(CAFFEINE, 0.75, GUAVA, 0.5, SPRING, 0.875),
                    "Cache hit ratio / B", Map.of(CAFFEINE, 0.75, GUAVA, 0.5, SPRING, 0.875),
                    // mean - 3 sigma, sigma floored at 0.02 and at 10% of the miss ratio
                    "Cache hit ratio / C",
                            Map.of(
                                    CAFFEINE,
                                    0.75 - 3 * 0.025,
                                    GUAVA,
                                    0.5 - 3 * 0.05,
                                    SPRING,
                                    0.875 - 3 * 0.02),
                    "Mean cache load time / A",
                            Map.of(CAFFEINE, 1.0 / 32, GUAVA, 1.0 / 16, SPRING, 0.25),
                    "Cache load failures per second / A",
                            Map.of(CAFFEINE, 2.0, GUAVA, 0.0, SPRING, 0.0),
                    "Cache evictions per second / A",
                            Map.of(CAFFEINE, 4.0, GUAVA, 0.0, SPRING, 0.0),
                    "Cache size / A", Map.of(CAFFEINE, 2000.0, GUAVA, 300.0, SPRING, 64.0));

    @Test
    void everyCachePanelShowsExactlyTheSelectedJobsCachesWithTheirFigures(@TempDir Path dir)
            throws IOException {
        Promtool promtool = Promtool.require();
        Map<String, String> values = SampleVariables.of(JOB, ".+", ".+", ".+", ".+", "5m");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = yaml.createObjectNode();
        ArrayNode ruleFiles = root.putArray("rule_files");
        ProjectLayout.ruleFiles().forEach(file -> ruleFiles.add(file.toAbsolutePath().toString()));
        root.put("evaluation_interval", "1m");
        ArrayNode order = root.putArray("group_eval_order");
        order.add("mapwatch-signals");
        order.add("mapwatch-baselines");
        ObjectNode test = root.putArray("tests").addObject();
        test.put("name", "the cache panels over three caches, a map and another job's cache");
        test.put("interval", "1m");
        ArrayNode input = test.putArray("input_series");
        SERIES.forEach(
                (series, samples) ->
                        input.addObject().put("series", series).put("values", samples));
        ArrayNode exprTests = test.putArray("promql_expr_test");

        TreeSet<String> tested = new TreeSet<>();
        for (Dashboard dashboard : Dashboard.project()) {
            for (Dashboard.Query query : dashboard.queries()) {
                if (!CacheQueries.readsCaches(query.expr())) {
                    continue;
                }
                String where = query.panel() + " / " + query.refId();
                tested.add(where);
                ObjectNode exprTest = exprTests.addObject();
                exprTest.put(
                        "expr", "round(1e6 * (" + GrafanaQuery.render(query.expr(), values) + "))");
                exprTest.put("eval_time", "2h");
                ArrayNode samples = exprTest.putArray("exp_samples");
                EXPECTED.getOrDefault(where, Map.of())
                        .forEach(
                                (labels, value) ->
                                        samples.addObject()
                                                .put("labels", labels)
                                                .put("value", Math.round(1e6 * value)));
            }
        }
        assertThat(tested)
                .as("the dashboards' cache queries")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        Path file = dir.resolve("cache-panels.test.yml");
        yaml.writeValue(file.toFile(), root);

        ProcessResult result = promtool.testRules(List.of(file));

        assertThat(result.succeeded())
                .as(result.describe() + "\n" + Files.readString(file))
                .isTrue();
    }
}
