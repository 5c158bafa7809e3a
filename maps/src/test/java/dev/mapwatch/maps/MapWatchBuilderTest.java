package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/** The public edge: factories, builder options and the messages of bad arguments. */
class MapWatchBuilderTest {

    @Test
    void factoriesMakeMapsOfTheAskedStrategy() {
        for (Strategy s : Strategy.values()) {
            WatchedMap<String, Integer> m = MapWatch.newMap("factory-" + s, s);
            assertThat(m.strategy()).isEqualTo(s);
            assertThat(m.name()).isEqualTo("factory-" + s);
            assertThat(m.stats()).isEqualTo(MapStats.empty());
            assertThat(MapWatch.liveMaps()).contains(m);
        }
        ConcurrentSkipListMap<String, Integer> sorted = new ConcurrentSkipListMap<>();
        WatchedMap<String, Integer> instrumented = MapWatch.instrument("sorted", sorted);
        instrumented.put("b", 2);
        instrumented.put("a", 1);
        assertThat(sorted).containsOnlyKeys("a", "b");
        assertThat(instrumented.strategy()).isEqualTo(Strategy.CONCURRENT);
        assertThat(instrumented.keySet()).containsExactly("a", "b");
        assertThat(instrumented.stats().puts()).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> MapWatch.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> MapWatch.builder(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> MapWatch.newMap("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("strategy");
        assertThatThrownBy(() -> MapWatch.builder("x").shards(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must be a power of two between 1 and 65536, got 3");
        assertThatThrownBy(() -> MapWatch.builder("x").shards(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MapWatch.builder("x").shards(1 << 17))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MapWatch.builder("x").strategy(Strategy.LOCKED).shards(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to Strategy.STRIPED");
        assertThatThrownBy(() -> MapWatch.builder("x").lockWaitThreshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> MapWatch.builder("x").lockWaitThreshold(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MapWatch.instrument("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("delegate");
        assertThatThrownBy(
                        () ->
                                MapWatch.builder("x")
                                        .strategy(Strategy.SYNC_MAP)
                                        .instrument(new ConcurrentHashMap<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy(SYNC_MAP)");
        WatchedMap<String, String> watched = MapWatch.newMap("watched", Strategy.CONCURRENT);
        assertThatThrownBy(() -> MapWatch.instrument("again", watched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already watched");
    }

    @Test
    void stripedShardsAndHugeThresholdsAreAccepted() {
        WatchedMap<Integer, Integer> one =
                MapWatch.builder("one-shard").strategy(Strategy.STRIPED).shards(1).build();
        WatchedMap<Integer, Integer> many =
                MapWatch.builder("many")
                        .strategy(Strategy.STRIPED)
                        .shards(1024)
                        .lockWaitThreshold(Duration.ofSeconds(Long.MAX_VALUE))
                        .build();
        for (int i = 0; i < 1000; i++) {
            one.put(i, i);
            many.put(i, i);
        }
        assertThat(one).isEqualTo(many).hasSize(1000);
    }
}
