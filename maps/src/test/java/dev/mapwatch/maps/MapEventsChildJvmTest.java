package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment path: a JVM started with {@code -XX:StartFlightRecording} (JFR initialized before
 * any map exists, default settings) records {@code mapwatch.MapStatistics} every second.
 */
class MapEventsChildJvmTest {

    @TempDir Path dir;

    @Test
    void aRecordingStartedOnTheCommandLineGetsPeriodicStatistics() throws Exception {
        Path jfr = dir.resolve("child.jfr");
        String java =
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"))
                        + "/bin/java";
        Process child =
                new ProcessBuilder(
                                java,
                                "-XX:StartFlightRecording:filename=" + jfr + ",dumponexit=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                StatisticsChild.class.getName())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child.log").toFile())
                        .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).isZero();
        List<RecordedEvent> statistics =
                RecordingFile.readAllEvents(jfr).stream()
                        .filter(e -> e.getEventType().getName().equals("mapwatch.MapStatistics"))
                        .filter(e -> e.getString("map").equals("child-map"))
                        .toList();
        assertThat(statistics)
                .isNotEmpty()
                .allSatisfy(
                        e -> {
                            assertThat(e.getString("strategy")).isEqualTo("STRIPED");
                            assertThat(e.getLong("hits")).isEqualTo(3);
                            assertThat(e.getLong("misses")).isEqualTo(2);
                            assertThat(e.getLong("size")).isEqualTo(1);
                        });
    }
}
