package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void readsWhatTheAgentAnswersAndSkipsTheRest() throws IOException {
        Health health =
                Health.parse(
                        "{\"status\":\"UP\",\"version\":\"0.1.0\",\"jdk\":\"17.0.15\",\"uptimeSeconds\":10.5,"
                                + "\"endpoint\":\"http://x/metrics\",\"jfr\":\"running\",\"enabledEvents\":[\"a\",\"b\"],"
                                + "\"missingEvents\":[],\"errors\":2,\"maps\":{\"packages\":\"com.acme\",\"counting\":\"sampled\","
                                + "\"state\":\"active\",\"classesSeen\":1},\"later\":{\"x\":[1,{\"y\":2}]}}");
        assertThat(health)
                .isEqualTo(
                        new Health(
                                "UP",
                                "0.1.0",
                                "17.0.15",
                                10.5,
                                "running",
                                2,
                                "com.acme",
                                "sampled"));
    }

    @Test
    void withoutMapsTheirFieldsAreEmptyAndNonJsonFails() throws IOException {
        assertThat(Health.parse("{\"status\":\"DEGRADED\"}").mapsCounting()).isEmpty();
        assertThatThrownBy(() -> Health.parse("[1]")).isInstanceOf(IOException.class);
    }
}
