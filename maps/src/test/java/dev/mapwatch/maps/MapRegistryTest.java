package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The weak registry behind {@link MapWatch#liveMaps()} and its bound on distinct names. */
class MapRegistryTest {

    @Test
    void aDroppedMapLeavesLiveMapsAfterGc() {
        String name = "weak-" + UUID.randomUUID();
        WatchedMap<String, String> kept = MapWatch.newMap(name + "-kept", Strategy.SYNC_MAP);
        createAndDrop(name);
        assertThat(liveNames()).contains(name, name + "-kept");
        awaitTrue(
                () -> {
                    System.gc();
                    return !liveNames().contains(name);
                });
        assertThat(liveNames()).contains(name + "-kept");
        assertThat(kept.name()).isEqualTo(name + "-kept");
    }

    private static void createAndDrop(String name) {
        WatchedMap<String, String> dropped = MapWatch.newMap(name, Strategy.CONCURRENT);
        dropped.put("k", "v");
    }

    private static List<String> liveNames() {
        List<String> names = new ArrayList<>();
        for (WatchedMap<?, ?> m : MapWatch.liveMaps()) {
            names.add(m.name());
        }
        return names;
    }

    @Test
    void theNumberOfDistinctNamesIsBounded() {
        MapRegistry registry = new MapRegistry(2);
        WatchedMap<?, ?> a = MapWatch.newMap("bound-a", Strategy.CONCURRENT);
        WatchedMap<?, ?> a2 = MapWatch.newMap("bound-a", Strategy.LOCKED);
        WatchedMap<?, ?> b = MapWatch.newMap("bound-b", Strategy.CONCURRENT);
        WatchedMap<?, ?> c = MapWatch.newMap("bound-c", Strategy.CONCURRENT);
        assertThat(registry.register(a)).isTrue();
        assertThat(registry.register(a2)).as("an existing name takes no new slot").isTrue();
        assertThat(registry.register(b)).isTrue();
        assertThat(registry.register(c)).as("a third name is over the bound").isFalse();
        assertThat(registry.register(c)).isFalse();
        assertThat(registry.unregisteredMaps()).isEqualTo(2);
        assertThat(registry.liveMaps()).containsExactly(a, a2, b);
        assertThat(registry.names()).isEqualTo(2);
        assertThat(c.get("anything")).as("an unregistered map still works").isNull();
    }

    @Test
    void aNameIsFreeAgainOnceItsMapsAreCollected() {
        MapRegistry registry = new MapRegistry(1);
        registerDropped(registry, "transient");
        WatchedMap<?, ?> next = MapWatch.newMap("next", Strategy.CONCURRENT);
        awaitTrue(
                () -> {
                    System.gc();
                    return registry.register(next);
                });
        assertThat(registry.liveMaps()).containsExactly(next);
    }

    private static void registerDropped(MapRegistry registry, String name) {
        assertThat(registry.register(MapWatch.newMap(name, Strategy.CONCURRENT))).isTrue();
    }

    @Test
    void maxNamesComesFromTheSystemPropertyAndBadValuesFallBack() {
        String previous = System.getProperty(MapRegistry.MAX_NAMES_PROPERTY);
        try {
            System.setProperty(MapRegistry.MAX_NAMES_PROPERTY, "7");
            assertThat(MapRegistry.fromSystemProperty().maxNames()).isEqualTo(7);
            System.setProperty(MapRegistry.MAX_NAMES_PROPERTY, "lots");
            assertThat(MapRegistry.fromSystemProperty().maxNames())
                    .isEqualTo(MapRegistry.DEFAULT_MAX_NAMES);
            System.setProperty(MapRegistry.MAX_NAMES_PROPERTY, "0");
            assertThat(MapRegistry.fromSystemProperty().maxNames())
                    .isEqualTo(MapRegistry.DEFAULT_MAX_NAMES);
            System.clearProperty(MapRegistry.MAX_NAMES_PROPERTY);
            assertThat(MapRegistry.fromSystemProperty().maxNames())
                    .isEqualTo(MapRegistry.DEFAULT_MAX_NAMES);
        } finally {
            if (previous == null) {
                System.clearProperty(MapRegistry.MAX_NAMES_PROPERTY);
            } else {
                System.setProperty(MapRegistry.MAX_NAMES_PROPERTY, previous);
            }
        }
        assertThat(MapWatch.maxNames()).isEqualTo(MapRegistry.DEFAULT_MAX_NAMES);
        assertThat(MapWatch.unregisteredMaps()).isZero();
        assertThatThrownBy(() -> new MapRegistry(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.onSpinWait();
        }
    }
}
