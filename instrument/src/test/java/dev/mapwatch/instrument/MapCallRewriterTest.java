package dev.mapwatch.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteStats;
import dev.mapwatch.instrument.fixture.Shop;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MapCallRewriterTest {

    private static final String SHOP = Shop.class.getName();

    @Test
    void namesAndCountsEveryKindOfSite() throws Exception {
        Class<?> rewritten = new RewritingLoader(SHOP).loadClass(SHOP);
        ((Runnable) rewritten.getDeclaredConstructor().newInstance()).run();

        Map<String, SiteStats> stats =
                MapSites.snapshot().stream()
                        .filter(s -> s.map().startsWith(SHOP + "."))
                        .collect(Collectors.toMap(s -> s.map() + "/" + s.strategy(), s -> s));
        assertThat(stats.get(SHOP + ".STOCK/ConcurrentHashMap").counts())
                .isEqualTo(
                        new SiteStats(
                                SHOP + ".STOCK",
                                "ConcurrentHashMap",
                                "EXACT",
                                1,
                                1,
                                1,
                                0,
                                1,
                                0,
                                0,
                                0));
        assertThat(stats.get(SHOP + ".prices/ConcurrentHashMap").counts())
                .isEqualTo(
                        new SiteStats(
                                SHOP + ".prices",
                                "ConcurrentHashMap",
                                "EXACT",
                                1,
                                2,
                                2,
                                0,
                                2,
                                0,
                                0,
                                0));
        assertThat(stats.get(SHOP + ".sorted/ConcurrentSkipListMap").counts())
                .isEqualTo(
                        new SiteStats(
                                SHOP + ".sorted",
                                "ConcurrentSkipListMap",
                                "EXACT",
                                0,
                                0,
                                2,
                                1,
                                0,
                                0,
                                0,
                                0));
        int putLine = lineOf("local.put(\"k\", 1)");
        int lambdaLine = lineOf("local.getOrDefault");
        assertThat(stats.get(SHOP + ".run:" + putLine + "/ConcurrentHashMap").counts())
                .isEqualTo(
                        new SiteStats(
                                SHOP + ".run:" + putLine,
                                "ConcurrentHashMap",
                                "EXACT",
                                0,
                                0,
                                1,
                                0,
                                1,
                                0,
                                0,
                                0));
        assertThat(stats.get(SHOP + ".run:" + lambdaLine + "/ConcurrentHashMap").counts())
                .isEqualTo(
                        new SiteStats(
                                SHOP + ".run:" + lambdaLine,
                                "ConcurrentHashMap",
                                "EXACT",
                                1,
                                0,
                                0,
                                0,
                                1,
                                0,
                                0,
                                0));
        assertThat(stats.keySet())
                .noneMatch(
                        k ->
                                k.contains("plain")
                                        || k.contains("HashMap") && !k.contains("Concurrent"));
        assertThat(stats).hasSize(5);
    }

    @Test
    void everyOwnerNameStartsWithAPrefixTheByteSearchLooksFor() {
        assertThat(CountedCalls.OWNERS)
                .allMatch(
                        owner -> CountedCalls.OWNER_PREFIXES.stream().anyMatch(owner::startsWith));
    }

    @Test
    void aClassWithoutCountedCallsIsNotRewritten() throws IOException {
        assertThat(MapCallRewriter.rewrite(bytes(MapsSelection.class.getName()), name -> 0))
                .isNull();
    }

    static byte[] bytes(String className) throws IOException {
        try (InputStream in =
                ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The 1-based line of the first line of Shop.java containing {@code text}. */
    private static int lineOf(String text) throws IOException {
        List<String> lines =
                java.nio.file.Files.readAllLines(
                        java.nio.file.Path.of(
                                "src/test/java/dev/mapwatch/instrument/fixture/Shop.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    /** Defines the named classes (and their nested classes) rewritten; everything else from the parent. */
    static final class RewritingLoader extends ClassLoader {
        private final String prefix;

        RewritingLoader(String prefix) {
            super(RewritingLoader.class.getClassLoader());
            this.prefix = prefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith(prefix)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        byte[] original = bytes(name);
                        byte[] rewritten = MapCallRewriter.rewrite(original, MapSites::register);
                        byte[] code = rewritten == null ? original : rewritten;
                        loaded = defineClass(name, code, 0, code.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
