package dev.mapwatch.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOverheadTest {

    @Test
    void parsesTheWorkloadsResultLine() {
        WorkloadResult r =
                WorkloadResult.parse(
                        "RESULT units=10 wallSeconds=2.000 cpuSeconds=4.000 unitsPerSecond=5.0"
                                + " unitsPerCpuSecond=2.5 threadsChurned=7 mapwatchThreads=3 heapUsedAfterGc=1024 rssKb=2048 hits=1");

        assertThat(r).isEqualTo(new WorkloadResult(5.0, 2.5, 3, 1024, 2048));
    }

    @Test
    void anIncompleteResultLineIsNamed() {
        assertThatThrownBy(() -> WorkloadResult.parse("RESULT units=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("incomplete result line: RESULT units=10");
    }

    @Test
    void summaryOfRatios() {
        Summary s = Summary.of(List.of(0.98, 1.00, 1.02));

        assertThat(s.mean()).isCloseTo(1.00, offset(1e-12));
        assertThat(s.stdev()).isCloseTo(0.02, offset(1e-12));
        assertThat(s.min()).isEqualTo(0.98);
        assertThat(s.max()).isEqualTo(1.02);
    }

    @Test
    void usageErrorsNameTheOption(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("agent.jar"));

        assertThatThrownBy(() -> AgentOverhead.parse(new String[] {}))
                .hasMessageStartingWith("--agent is required");
        assertThatThrownBy(
                        () ->
                                AgentOverhead.parse(
                                        new String[] {
                                            "--agent", dir.resolve("missing.jar").toString()
                                        }))
                .hasMessageStartingWith("agent jar not found: ");
        assertThatThrownBy(
                        () ->
                                AgentOverhead.parse(
                                        new String[] {"--agent", jar.toString(), "--rounds", "0"}))
                .hasMessage("--rounds must be a positive integer, got '0'");
        assertThatThrownBy(
                        () ->
                                AgentOverhead.parse(
                                        new String[] {"--agent", jar.toString(), "--seconds"}))
                .hasMessage("option --seconds needs a value");
        assertThatThrownBy(
                        () ->
                                AgentOverhead.parse(
                                        new String[] {"--agent", jar.toString(), "--fast", "1"}))
                .hasMessage("unknown option --fast");
    }
}
