package dev.mapwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

/**
 * {@link SpringCaches} as the rewritten lookups call it, over a stand-in of Spring's {@code Cache}
 * interface: by the cache's name, hits, misses and loads; a cache it cannot name is left alone.
 */
class SpringCachesTest {

    /** A Spring cache over a map, named {@code name}. */
    private record MapCache(String name, Map<Object, Object> store) implements Cache {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object getNativeCache() {
            return store;
        }

        Object get(Object key, Callable<?> loader) throws Exception {
            Object present = store.get(key);
            if (present != null) {
                return present;
            }
            Object loaded = loader.call();
            store.put(key, loaded);
            return loaded;
        }
    }

    /** A cache whose name cannot be read. */
    private static final class Broken implements Cache {
        @Override
        public String getName() {
            throw new IllegalStateException("no name");
        }

        @Override
        public Object getNativeCache() {
            throw new IllegalStateException("no native cache");
        }
    }

    @Test
    void lookupsAndLoadsCountByTheCachesName() throws Exception {
        MapCache cache = new MapCache("test-prices", new ConcurrentHashMap<>());
        cache.store().put("a", "1");
        assertThat(SpringCaches.get(cache, "1")).isEqualTo("1"); // hit
        assertThat(SpringCaches.get(cache, null)).isNull(); // miss
        Callable<?> loader = SpringCaches.loader(cache, () -> "2");
        assertThat(SpringCaches.loaded(cache.get("b", loader), loader))
                .isEqualTo("2"); // miss, load
        Callable<?> again = SpringCaches.loader(cache, () -> "x");
        assertThat(SpringCaches.loaded(cache.get("b", again), again)).isEqualTo("2"); // hit
        Callable<?> failing =
                SpringCaches.loader(
                        cache,
                        () -> {
                            throw new IllegalStateException("down");
                        });
        assertThatThrownBy(() -> cache.get("c", failing)).hasMessage("down"); // miss, failed load
        SiteStats stats = stats("test-prices");
        assertThat(stats.strategy()).isEqualTo("SpringCache");
        assertThat(stats.counting()).isEqualTo("EXACT");
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(3);
        assertThat(stats.cache().loadSuccesses()).isEqualTo(1);
        assertThat(stats.cache().loadFailures()).isEqualTo(1);
        assertThat(stats.size()).isEqualTo(2);
    }

    @Test
    void aCacheWhoseNameCannotBeReadWorksAsBeforeUncounted() throws Exception {
        Broken cache = new Broken();
        int before = MapSites.snapshot().size();
        assertThat(SpringCaches.get(cache, "v")).isEqualTo("v");
        Callable<String> loader = () -> "w";
        assertThat(SpringCaches.loader(cache, loader)).isSameAs(loader);
        assertThat(SpringCaches.loaded("w", loader)).isEqualTo("w");
        assertThat(MapSites.snapshot()).hasSize(before);
    }

    private static SiteStats stats(String map) {
        return MapSites.snapshot().stream()
                .filter(s -> s.map().equals(map))
                .findFirst()
                .orElseThrow();
    }
}
