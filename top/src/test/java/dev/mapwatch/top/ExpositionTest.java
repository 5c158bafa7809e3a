package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void readsSamplesLabelsEscapesTimestampsAndSpecialValues() {
        Samples samples =
                Exposition.parse(
                        """
                # HELP mapwatch_map_size Entries in the map now
                # TYPE mapwatch_map_size gauge
                mapwatch_map_size{map="a \\"quoted\\" \\\\ name\\nx",strategy="LOCKED"} 12.0
                mapwatch_map_size{ map = "b" , strategy="CONCURRENT", } 3 1700000000000
                mapwatch_threads_daemon 32.0
                mapwatch_x{le="+Inf"} +Inf
                mapwatch_y NaN
                mapwatch_z -Inf
                mapwatch_e 1.5e3
                # EOF
                """);
        assertThat(samples.named("mapwatch_map_size")).hasSize(2);
        assertThat(samples.named("mapwatch_map_size").get(0).labels())
                .isEqualTo(Map.of("map", "a \"quoted\" \\ name\nx", "strategy", "LOCKED"));
        assertThat(samples.value("mapwatch_map_size", Map.of("map", "b", "strategy", "CONCURRENT")))
                .isEqualTo(3.0);
        assertThat(samples.sum("mapwatch_map_size", Map.of())).isEqualTo(15.0);
        assertThat(samples.value("mapwatch_threads_daemon", Map.of())).isEqualTo(32.0);
        assertThat(samples.value("mapwatch_x", Map.of("le", "+Inf"))).isInfinite().isPositive();
        assertThat(samples.value("mapwatch_y", Map.of())).isNaN();
        assertThat(samples.value("mapwatch_z", Map.of())).isInfinite().isNegative();
        assertThat(samples.value("mapwatch_e", Map.of())).isEqualTo(1500.0);
        assertThat(samples.labelValues("mapwatch_map_size", "strategy"))
                .containsExactly("LOCKED", "CONCURRENT");
        assertThat(samples.labelValues("mapwatch_threads_daemon", "strategy")).isEmpty();
        assertThat(samples.has("mapwatch_missing")).isFalse();
        assertThat(samples.value("mapwatch_missing", Map.of())).isNaN();
    }

    @Test
    void aLineThatIsNoSampleIsNamedByNumber() {
        assertThatThrownBy(() -> Exposition.parse("ok 1\n<html>\n"))
                .isInstanceOf(Exposition.MalformedException.class)
                .hasMessageStartingWith("line 2 is not a sample");
        assertThatThrownBy(() -> Exposition.parse("a{b=\"c} 1"))
                .hasMessageContaining("unclosed label value");
        assertThatThrownBy(() -> Exposition.parse("a{b=c} 1")).hasMessageContaining("not quoted");
        assertThatThrownBy(() -> Exposition.parse("a one"))
                .hasMessageContaining("'one' is not a number");
        assertThatThrownBy(() -> Exposition.parse("a 1 2 3"))
                .hasMessageContaining("at most a timestamp");
    }
}
