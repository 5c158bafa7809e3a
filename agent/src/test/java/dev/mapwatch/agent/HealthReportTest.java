package dev.mapwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.instrument.InstrumentationStatus;
import dev.mapwatch.maps.Counting;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void rendersEscapedJson() {
        HealthReport report =
                new HealthReport(
                        "UP",
                        "1.0",
                        "17.0.1",
                        Duration.ofMillis(1500),
                        "http://127.0.0.1:9464/metrics",
                        "unavailable: \"quoted\"\n",
                        List.of("jdk.ThreadStart", "jdk.ThreadEnd"),
                        List.of("jdk.VirtualThreadStart"),
                        3);
        assertThat(report.toJson())
                .isEqualTo(
                        "{\"status\":\"UP\",\"version\":\"1.0\",\"jdk\":\"17.0.1\","
                                + "\"uptimeSeconds\":1.5,\"endpoint\":\"http://127.0.0.1:9464/metrics\","
                                + "\"jfr\":\"unavailable: \\\"quoted\\\"\\n\",\"enabledEvents\":[\"jdk.ThreadStart\",\"jdk.ThreadEnd\"],"
                                + "\"missingEvents\":[\"jdk.VirtualThreadStart\"],\"errors\":3}");
    }

    @Test
    void withMapsItSaysWhatTheTransformerDid() {
        HealthReport report =
                new HealthReport(
                        "UP",
                        "1.0",
                        "17.0.1",
                        Duration.ofMillis(1500),
                        "http://127.0.0.1:9464/metrics",
                        "running",
                        List.of(),
                        List.of(),
                        1,
                        new InstrumentationStatus(
                                "com.acme:org.example",
                                Counting.SAMPLED,
                                "active",
                                120,
                                7,
                                1,
                                Duration.ofMillis(250),
                                31,
                                4,
                                1));
        assertThat(report.toJson())
                .endsWith(
                        "\"errors\":1,\"maps\":{\"packages\":\"com.acme:org.example\","
                                + "\"counting\":\"sampled\",\"state\":\"active\",\"classesSeen\":120,\"classesTransformed\":7,"
                                + "\"classesFailed\":1,\"transformSeconds\":0.25,\"callSites\":31,"
                                + "\"cachesCounted\":4,\"cachesUnsupported\":1}}");
    }
}
