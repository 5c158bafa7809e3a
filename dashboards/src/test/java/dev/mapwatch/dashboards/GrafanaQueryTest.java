package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variables are substituted as Grafana does; a variable without a value is an error, not left in. */
class GrafanaQueryTest {

    @Test
    void substitutesBothVariableSyntaxesAndTheRateInterval() {
        assertThat(
                        GrafanaQuery.render(
                                "rate(x{job=~\"$job\", instance=~\"${instance}\"}[$__rate_interval])",
                                Map.of(
                                        "job",
                                        "shop",
                                        "instance",
                                        "a:9464",
                                        "__rate_interval",
                                        "1m")))
                .isEqualTo("rate(x{job=~\"shop\", instance=~\"a:9464\"}[1m])");
    }

    @Test
    void anUnknownVariableIsAnError() {
        assertThatThrownBy(() -> GrafanaQuery.render("x{job=~\"$jobs\"}", Map.of("job", "shop")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$jobs");
    }

    @Test
    void labelValuesIsReadAsItsSelector() {
        assertThat(
                        GrafanaQuery.labelValuesSelector(
                                "label_values(mapwatch_map_size{job=~\"$job\"}, map)"))
                .isEqualTo("mapwatch_map_size{job=~\"$job\"}");
        assertThatThrownBy(() -> GrafanaQuery.labelValuesSelector("query_result(up)"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
