package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The query rules of Grafana's dashboard linter, and the project's Scale rule: rates over
 * {@code $__rate_interval}, a job and an instance matcher in every query (unless {@code .lint} excludes
 * it, with a reason), and every aggregation by job first.
 */
class DashboardLintTest {

    private static final Pattern RANGE_FUNCTION =
            Pattern.compile("\\b(rate|irate|increase|delta|deriv)\\(([^\\[]*)\\[([^\\]]*)]");
    private static final Pattern AGGREGATION_BY =
            Pattern.compile(
                    "\\b(sum|avg|max|min|count|group|stddev|quantile)\\s+by\\s*\\(([^)]*)\\)");

    private final List<Dashboard.Query> queries =
            Dashboard.project().stream()
                    .flatMap(dashboard -> dashboard.queries().stream())
                    .filter(query -> !query.refId().equals("annotation"))
                    .toList();
    private final LintExclusions exclusions = LintExclusions.project();

    @Test
    void ratesUseTheRateInterval() {
        int ranges = 0;
        for (Dashboard.Query query : queries) {
            Matcher range = RANGE_FUNCTION.matcher(query.expr());
            while (range.find()) {
                ranges++;
                assertThat(range.group(3))
                        .as(query.where() + ": " + range.group())
                        .isEqualTo("$__rate_interval");
            }
        }
        assertThat(ranges).isGreaterThan(20);
    }

    @Test
    void everyQueryHasJobAndInstanceMatchersUnlessExcluded() {
        Set<LintExclusions.Entry> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (Dashboard.Query query : queries) {
            check("target-job-rule", "job=~\"$job\"", query, used, missing);
            check("target-instance-rule", "instance=~\"$instance\"", query, used, missing);
        }
        assertThat(missing)
                .as("queries without the linter's matchers, and not excluded in dashboards/.lint")
                .isEmpty();
        assertThat(used)
                .as("exclusions in dashboards/.lint that no query needs")
                .containsExactlyInAnyOrderElementsOf(exclusions.entries());
    }

    private void check(
            String rule,
            String matcher,
            Dashboard.Query query,
            Set<LintExclusions.Entry> used,
            List<String> missing) {
        // Every selector of the query must carry the matcher, not just one of them.
        Matcher selector = Pattern.compile("\\{([^}]*)}").matcher(query.expr());
        List<String> lacking = new ArrayList<>();
        while (selector.find()) {
            if (!selector.group(1).contains(matcher)) {
                lacking.add("{" + selector.group(1) + "}");
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        if (exclusions.excludes(rule, query)) {
            exclusions.entries().stream()
                    .filter(entry -> entry.covers(rule, query))
                    .forEach(used::add);
        } else {
            missing.add(rule + ": " + query.where() + ": " + lacking);
        }
    }

    @Test
    void everyAggregationGroupsByJobFirst() {
        int aggregations = 0;
        for (Dashboard.Query query : queries) {
            Matcher by = AGGREGATION_BY.matcher(query.expr());
            while (by.find()) {
                aggregations++;
                assertThat(by.group(2).strip())
                        .as(query.where() + ": " + by.group())
                        .startsWith("job");
            }
        }
        assertThat(aggregations).isGreaterThan(30);
    }

    @Test
    void everyQueryUsesOnlyKnownVariables() {
        Set<String> known =
                Set.of("__rate_interval", "job", "instance", "map", "bpf_job", "bpf_instance");
        Pattern variable = Pattern.compile("\\$\\{?(\\w+)");
        for (Dashboard.Query query : queries) {
            Matcher matcher = variable.matcher(query.expr());
            while (matcher.find()) {
                assertThat(matcher.group(1)).as(query.where()).isIn(known);
            }
        }
    }
}
