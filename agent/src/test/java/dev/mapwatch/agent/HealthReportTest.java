package dev.mapwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void rendersEscapedJson() {
        HealthReport report = new HealthReport("UP", "1.0", "17.0.1", Duration.ofMillis(1500),
                "http://127.0.0.1:9464/metrics", "unavailable: \"quoted\"\n", List.of("jdk.ThreadStart", "jdk.ThreadEnd"), 3);
        assertThat(report.toJson()).isEqualTo("{\"status\":\"UP\",\"version\":\"1.0\",\"jdk\":\"17.0.1\","
                + "\"uptimeSeconds\":1.5,\"endpoint\":\"http://127.0.0.1:9464/metrics\","
                + "\"jfr\":\"unavailable: \\\"quoted\\\"\\n\",\"enabledEvents\":[\"jdk.ThreadStart\",\"jdk.ThreadEnd\"],"
                + "\"errors\":3}");
    }
}
