package dev.mapwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/** The {@code invokedynamic} sites the rewriter emits, linked as the JVM links them. */
class SiteLinkTest {

    private static final MethodType OBJECT =
            MethodType.methodType(Object.class, Map.class, Object.class);
    private static final MethodType BOOLEAN =
            MethodType.methodType(boolean.class, Map.class, boolean.class);

    private static SiteLink link(String op, MethodType type, String name) throws Throwable {
        return (SiteLink) SiteLink.link(MethodHandles.lookup(), op, type, MapSites.register(name));
    }

    private static SiteStats stats(String name, String strategy) {
        return MapSites.snapshot().stream()
                .filter(s -> s.map().equals(name) && s.strategy().equals(strategy))
                .findFirst()
                .orElse(null);
    }

    private static SiteStats counts(String name, String strategy, long... hmpr) {
        return new SiteStats(
                name, strategy, "EXACT", hmpr[0], hmpr[1], hmpr[2], hmpr[3], hmpr[4], 0, 0, 0);
    }

    @Test
    void everyOperationCountsAsItsSharedHelperDoes() throws Throwable {
        String name = "SiteLinkTest.every";
        MethodHandle get = link("get", OBJECT, name).dynamicInvoker();
        MethodHandle getOrDefault =
                link("getOrDefault", OBJECT.appendParameterTypes(Object.class), name)
                        .dynamicInvoker();
        MethodHandle containsKey = link("containsKey", BOOLEAN, name).dynamicInvoker();
        MethodHandle put = link("put", OBJECT, name).dynamicInvoker();
        MethodHandle putIfAbsent = link("putIfAbsent", OBJECT, name).dynamicInvoker();
        MethodHandle remove = link("remove", OBJECT, name).dynamicInvoker();
        MethodHandle removed = link("remove", BOOLEAN, name).dynamicInvoker();
        MethodHandle replace = link("replace", OBJECT, name).dynamicInvoker();
        MethodHandle replaced = link("replace", BOOLEAN, name).dynamicInvoker();
        Map<Object, Object> map = new ConcurrentHashMap<>();

        assertThat(put.invoke(map, map.put("a", 1))).isNull(); // put
        assertThat(get.invoke(map, map.get("a"))).isEqualTo(1); // hit
        assertThat(get.invoke(map, map.get("b"))).isNull(); // miss
        assertThat(getOrDefault.invoke(map, map.getOrDefault("b", 0), 0)).isEqualTo(0); // miss
        assertThat((boolean) containsKey.invoke(map, map.containsKey("a"))).isTrue(); // hit
        assertThat(putIfAbsent.invoke(map, map.putIfAbsent("a", 2))).isEqualTo(1); // hit
        assertThat(putIfAbsent.invoke(map, map.putIfAbsent("c", 3))).isNull(); // miss, put
        assertThat(replace.invoke(map, map.replace("a", 7))).isEqualTo(1); // put
        assertThat(replace.invoke(map, map.replace("zz", 7))).isNull(); // nothing
        assertThat((boolean) replaced.invoke(map, map.replace("a", 7, 8))).isTrue(); // put
        assertThat((boolean) removed.invoke(map, map.remove("a", 9))).isFalse(); // nothing
        assertThat((boolean) removed.invoke(map, map.remove("a", 8))).isTrue(); // removal
        assertThat(remove.invoke(map, map.remove("c"))).isEqualTo(3); // removal
        assertThat(remove.invoke(map, map.remove("c"))).isNull(); // nothing

        assertThat(stats(name, "ConcurrentHashMap").counts())
                .isEqualTo(counts(name, "ConcurrentHashMap", 3, 3, 4, 2, 0));
    }

    @Test
    void aSiteRelinksForEachNewReceiverClassThenKeepsTheSharedPathAndCountsAlike()
            throws Throwable {
        String name = "SiteLinkTest.classes";
        SiteLink site = link("get", OBJECT, name);
        MethodHandle get = site.dynamicInvoker();
        List<Map<Object, Object>> maps =
                List.of(
                        new ConcurrentHashMap<>(Map.of("k", 1)),
                        new ConcurrentSkipListMap<>(Map.of("k", 1)),
                        new HashMap<>(Map.of("k", 1)));

        for (int i = 0; i < 3; i++) {
            assertThat(get.invoke(maps.get(0), maps.get(0).get("k"))).isEqualTo(1);
        }
        assertThat(site.links()).isEqualTo(1); // one class: linked once
        int rounds = 3 * SiteLink.MAX_LINKS;
        for (int round = 0; round < rounds; round++) {
            for (Map<Object, Object> map : maps) {
                assertThat(get.invoke(map, map.get("k"))).isEqualTo(1);
                assertThat(get.invoke(map, map.get("x"))).isNull();
            }
        }

        assertThat(site.links()).isEqualTo(SiteLink.MAX_LINKS + 1); // then the shared path
        assertThat(stats(name, "ConcurrentHashMap").counts())
                .isEqualTo(counts(name, "ConcurrentHashMap", 3 + rounds, rounds, 0, 0, 1));
        assertThat(stats(name, "ConcurrentSkipListMap").counts())
                .isEqualTo(counts(name, "ConcurrentSkipListMap", rounds, rounds, 0, 0, 1));
        assertThat(stats(name, "HashMap")).isNull(); // passed through, never counted
    }

    @Test
    void everyInstanceASiteSeesCountsForSizeEvenWhenItsClassStaysTheSame() throws Throwable {
        String name = "SiteLinkTest.instances";
        SiteLink site = link("put", OBJECT, name);
        MethodHandle put = site.dynamicInvoker();
        Map<Object, Object> one = new ConcurrentHashMap<>();
        Map<Object, Object> two = new ConcurrentHashMap<>();

        for (int i = 0; i < 10; i++) {
            put.invoke(one, one.put(i, i));
            put.invoke(two, two.put(-i, i));
            put.invoke(two, two.put(100 + i, i));
        }

        assertThat(site.links()).isEqualTo(1);
        assertThat(stats(name, "ConcurrentHashMap").counts())
                .isEqualTo(counts(name, "ConcurrentHashMap", 0, 0, 30, 0, 30));
    }
}
