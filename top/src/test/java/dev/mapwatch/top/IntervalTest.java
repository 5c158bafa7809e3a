package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void ratesAreIncreasesPerSecondWithResetsAndNewSeriesAsPrometheusHasThem() {
        Samples before =
                Exposition.parse(
                        """
                c_total{k="a"} 100
                c_total{k="b"} 50
                c_total{k="reset"} 1000
                """);
        Samples now =
                Exposition.parse(
                        """
                c_total{k="a"} 160
                c_total{k="b"} 50
                c_total{k="reset"} 30
                c_total{k="new"} 10
                """);
        Interval interval = new Interval(before, now, 2.0);
        assertThat(interval.increase("c_total", Map.of("k", "a"))).isEqualTo(60.0);
        assertThat(interval.increase("c_total", Map.of("k", "reset"))).isEqualTo(30.0);
        assertThat(interval.increase("c_total", Map.of("k", "new"))).isEqualTo(10.0);
        assertThat(interval.increase("c_total", Map.of())).isEqualTo(100.0);
        assertThat(interval.rate("c_total", Map.of("k", "a"))).isEqualTo(30.0);
        assertThat(interval.rate("absent_total", Map.of())).isZero();
        assertThatThrownBy(() -> new Interval(before, now, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
