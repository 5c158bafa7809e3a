package dev.mapwatch.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapsSelectionTest {

    @Test
    void thePackagesRankInTheOrderGiven() {
        MapsSelection selection = MapsSelection.parse("com.acme:org.springframework");
        assertThat(selection.priorityOf("com.acme.Store.cache")).isZero();
        assertThat(selection.priorityOf("com.acme.api.Handler.handle:42")).isZero();
        assertThat(selection.priorityOf("org.springframework.core.ResolvableType.cache"))
                .isEqualTo(1);
        assertThat(selection.priorityOf("com.acmex.Store.cache"))
                .as("a package, not a string prefix")
                .isEqualTo(2);
    }

    @Test
    void theFirstListedPrefixThatCoversANameRanksIt() {
        MapsSelection selection = MapsSelection.parse("org.example:com.acme:com.acme.cache");
        assertThat(selection.priorityOf("com.acme.cache.Lru.map")).isEqualTo(1);
        assertThat(
                        MapsSelection.demo()
                                .priorityOf(MapsSelection.DEMO_PACKAGE + ".PlainSessions.SESSIONS"))
                .isZero();
    }
}
