package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** In a JVM whose Flight Recorder is off, binding {@link JfrMetrics} degrades: no exception, one clear line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfrUnavailableTest {

    @Test
    void bindingWithoutFlightRecorderDegradesAndSaysSoOnce() throws Exception {
        String javaHome =
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"));
        Process child =
                new ProcessBuilder(
                                List.of(
                                        javaHome + File.separator + "bin" + File.separator + "java",
                                        "-XX:-FlightRecorder",
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        Child.class.getName()))
                        .redirectErrorStream(true)
                        .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("enabled=[]", "streaming=false", "application still runs");
        assertThat(output.split("JFR is not available", -1))
                .as("said exactly once: " + output)
                .hasSize(2);
    }

    /** The child JVM's main. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (JfrMetrics jfr = JfrMetrics.builder().build()) {
                jfr.bindTo(registry);
                System.out.println("enabled=" + jfr.enabledEvents());
                System.out.println(
                        "streaming=" + jfr.awaitStreaming(java.time.Duration.ofMillis(100)));
            }
            System.out.println("application still runs");
        }
    }
}
