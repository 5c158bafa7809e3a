package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.MetricCatalogue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value the exporter gives the {@code handler} label of the error counter is in {@code docs/metrics.md}. */
class ErrorHandlerLabelsTest {

    @Test
    void everyHandlerValueIsCatalogued() throws IOException {
        String meaning =
                List.copyOf(MetricCatalogue.load().families().values()).stream()
                        .filter(row -> row.name().equals("mapwatch_agent_errors_total"))
                        .findFirst()
                        .orElseThrow()
                        .meaning();
        List<String> values = new ArrayList<>(JfrMetrics.JDK_EVENTS);
        values.addAll(
                List.of(
                        MapEvents.STATISTICS,
                        MapEvents.PROMOTION,
                        MapEvents.LOCK_WAIT,
                        JfrMetrics.STREAM_HANDLER));
        for (String value : values) {
            assertThat(meaning).as("handler value " + value).contains("`" + value + "`");
        }
    }
}
