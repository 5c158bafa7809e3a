package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void countsPercentsAndDurationsInAFewCharacters() {
        assertThat(Figures.count(0)).isEqualTo("0");
        assertThat(Figures.count(3.46)).isEqualTo("3.5");
        assertThat(Figures.count(840.4)).isEqualTo("840");
        assertThat(Figures.count(12_345)).isEqualTo("12.3k");
        assertThat(Figures.count(4_100_000)).isEqualTo("4.1M");
        assertThat(Figures.count(2e9)).isEqualTo("2.0G");
        assertThat(Figures.count(Double.NaN)).isEqualTo("-");
        assertThat(Figures.percent(0.75)).isEqualTo("75.0");
        assertThat(Figures.seconds(0)).isEqualTo("0");
        assertThat(Figures.seconds(0.00085)).isEqualTo("850us");
        assertThat(Figures.seconds(0.012)).isEqualTo("12ms");
        assertThat(Figures.seconds(1.5)).isEqualTo("1.5s");
        assertThat(Figures.uptime(307)).isEqualTo("5m07s");
        assertThat(Figures.uptime(3 * 3600 + 120)).isEqualTo("3h02m");
        assertThat(Figures.megabytes(12_300_000)).isEqualTo("12.3 MB/s");
    }

    @Test
    void namesShortenTheirPackagesFirstThenLoseTheirStart() {
        String name = "com.acme.shop.SessionStore.sessions";
        assertThat(Figures.fit(name, 40)).isEqualTo(name);
        assertThat(Figures.fit(name, 32)).isEqualTo("c.a.shop.SessionStore.sessions");
        assertThat(Figures.fit(name, 27)).isEqualTo("c.a.s.SessionStore.sessions");
        assertThat(Figures.fit(name, 12)).isEqualTo("…re.sessions").hasSize(12);
    }
}
