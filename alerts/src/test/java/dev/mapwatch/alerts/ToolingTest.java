package dev.mapwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapwatch.alerts.tooling.PromqlNames;
import dev.mapwatch.alerts.tooling.Runbooks;
import dev.mapwatch.testkit.MetricCatalogue;
import org.junit.jupiter.api.Test;

/** The parsers the rule and dashboard tests rely on read what they should, and reject what they should. */
class ToolingTest {

    @Test
    void catalogueRowsGiveTheSeriesNamesOfEachType() {
        MetricCatalogue catalogue =
                MetricCatalogue.parse(
                        "test",
                        """
                # Maps
                Some prose with `mapwatch_not_a_row` in it.

                | name | type | unit | labels | meaning |
                |---|---|---|---|---|
                | `mapwatch_map_lookups_total` | counter | lookups | `result` (`hit` \\| `miss`) | lookups |
                | `mapwatch_thread_lifetime_seconds` | histogram | seconds | `kind` | lifetimes |
                | `mapwatch_lock_contention_seconds` | summary | seconds | `kind`, `class` | waits |
                | `mapwatch_map_size` | gauge | entries | `map` | entries |
                """);

        assertThat(catalogue.families())
                .containsOnlyKeys(
                        "mapwatch_map_lookups_total",
                        "mapwatch_thread_lifetime_seconds",
                        "mapwatch_lock_contention_seconds",
                        "mapwatch_map_size");
        assertThat(catalogue.families().get("mapwatch_map_lookups_total").labels())
                .isEqualTo("`result` (`hit` | `miss`)");
        assertThat(catalogue.seriesNames())
                .containsExactlyInAnyOrder(
                        "ALERTS",
                        "ALERTS_FOR_STATE",
                        "up",
                        "mapwatch_map_lookups_total",
                        "mapwatch_thread_lifetime_seconds_bucket",
                        "mapwatch_thread_lifetime_seconds_count",
                        "mapwatch_thread_lifetime_seconds_sum",
                        "mapwatch_lock_contention_seconds",
                        "mapwatch_lock_contention_seconds_count",
                        "mapwatch_lock_contention_seconds_sum",
                        "mapwatch_map_size");
    }

    @Test
    void aMalformedOrEmptyCatalogueIsRejectedWithTheRow() {
        assertThatThrownBy(
                        () ->
                                MetricCatalogue.parse(
                                        "bad", "| `mapwatch_x_total` | counter | x |\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 cells")
                .hasMessageContaining("mapwatch_x_total");
        assertThatThrownBy(() -> MetricCatalogue.parse("empty", "# nothing here\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no catalogue rows");
    }

    @Test
    void promqlNamesAreTheMapwatchSeriesNotLabelsFunctionsOrStrings() {
        assertThat(
                        PromqlNames.seriesIn(
                                """
                sum by (job, map) (rate(mapwatch_map_lookups_total{job=~"mapwatch_fake", result="miss"}[5m]))
                / (job_map:mapwatch_map_lookups:rate5m offset 1d > 0) and on (job) up == 0
                """))
                .containsExactly(
                        "job_map:mapwatch_map_lookups:rate5m", "mapwatch_map_lookups_total", "up");
        assertThat(
                        PromqlNames.seriesIn(
                                "histogram_quantile(0.99, sum by (job, le) (rate(mapwatch_thread_lifetime_seconds_bucket[$__rate_interval])))"))
                .containsExactly("mapwatch_thread_lifetime_seconds_bucket");
    }

    @Test
    void runbookAnchorsAreGithubs() {
        assertThat(Runbooks.anchor("MapwatchThreadsLiveAnomaly"))
                .isEqualTo("mapwatchthreadsliveanomaly");
        assertThat(Runbooks.anchor("How the anomaly alerts work"))
                .isEqualTo("how-the-anomaly-alerts-work");
        Runbooks runbooks =
                Runbooks.parse(
                        "# Title\n```sh\n# not a heading\n```\n## MapwatchAgentDown\ntext\n");
        assertThat(runbooks.headingsByAnchor()).containsOnlyKeys("title", "mapwatchagentdown");
        assertThat(runbooks.section("MapwatchAgentDown")).contains("text");
    }
}
