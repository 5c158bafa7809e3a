package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ShopApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maps=}: an application that knows nothing of mapwatch ({@link ShopApp}) has its concurrent
 * maps counted, named by field or code location, at start-up ({@code -javaagent}) and after an
 * attach; exact counts per phase, no {@code HashMap}.
 */
class CountedMapsIT {

    private static final String APP = "com.example.shop.";
    private static final Pattern ATTACHED = Pattern.compile("^mapwatch agent serving (http://\\S+/metrics) in JVM \\d+$");

    /** What one {@code phase} counts, per map: strategy, hits, misses, puts, removals. */
    private record Expected(String strategy, long hits, long misses, long puts, long removals) {}

    private static Map<String, Expected> onePhase() throws IOException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put(APP + "ShopApp.INVENTORY", new Expected("ConcurrentHashMap", 2, 1, 3, 0));
        expected.put(APP + "ShopApp.RANKING", new Expected("ConcurrentSkipListMap", 0, 0, 2, 1));
        expected.put(APP + "Shop.prices", new Expected("ConcurrentHashMap", 2, 2, 2, 0));
        expected.put(APP + "ShopApp$Warehouse.shelves", new Expected("ConcurrentHashMap", 0, 0, 2, 0));
        expected.put(APP + "ShopApp.phase:" + line("marker:basket"), new Expected("ConcurrentHashMap", 0, 0, 1, 0));
        expected.put(APP + "ShopApp.phase:" + line("marker:lambda"), new Expected("ConcurrentHashMap", 0, 1, 1, 0));
        expected.put(APP + "plugin.Plugin.cache", new Expected("ConcurrentHashMap", 1, 1, 1, 1));
        return expected;
    }

    @Test
    void underJavaagentEveryConcurrentMapIsCountedByNameAndNoHashMap() throws IOException {
        try (ChildJvm child = ChildJvm.start("port=0,maps=com.example", ShopApp.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            String endpoint = child.awaitEndpoint();
            assertThat(child.command("phase")).isEqualTo("ok");
            assertThat(child.command("phase")).isEqualTo("ok");

            Scrape scrape = awaitCounts(endpoint, onePhase(), 2);
            assertThat(size(scrape, APP + "ShopApp.INVENTORY")).isEqualTo(3);
            assertThat(size(scrape, APP + "ShopApp.RANKING")).isEqualTo(1);
            assertThat(size(scrape, APP + "Shop.prices")).isEqualTo(2);
            assertThat(size(scrape, APP + "ShopApp$Warehouse.shelves")).isEqualTo(1);
            assertThat(size(scrape, APP + "plugin.Plugin.cache")).isZero();
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "strategy"))
                    .doesNotContain("HashMap");
            assertThat(scrape.body()).doesNotContain("NOTES");

            String health = Scrape.get(endpoint.replace("/metrics", "/health")).body();
            assertThat(health).contains("\"maps\":{\"packages\":\"com.example\",\"state\":\"active\",")
                    .contains("\"classesTransformed\":4,").contains("\"classesFailed\":0,");
            assertThat(Scrape.metrics(endpoint).sum("mapwatch_agent_errors_total", Map.of("handler", "instrument")))
                    .isZero();
        }
    }

    @Test
    void afterAnAttachOnlyWhatHappensFromThenOnIsCounted() throws IOException {
        try (ChildJvm child = ChildJvm.start(null, ShopApp.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            assertThat(child.command("phase")).isEqualTo("ok"); // before the attach: never counted

            Cli.Result attach = Cli.run("attach", Long.toString(child.pid()), "port=0", "maps=com.example");
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            Matcher serving = ATTACHED.matcher(attach.out().strip());
            assertThat(serving.matches()).as(attach.out()).isTrue();
            String endpoint = serving.group(1);
            child.awaitStderr(Pattern.compile("^mapwatch: counting maps in com\\.example: \\d+ loaded classes retransformed in \\d+ ms$"));

            assertThat(child.command("phase")).isEqualTo("ok");
            Scrape scrape = awaitCounts(endpoint, onePhase(), 1);
            assertThat(size(scrape, APP + "ShopApp.INVENTORY")).as("existing maps are counted from the attach on")
                    .isEqualTo(3);
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "strategy"))
                    .doesNotContain("HashMap");
        }
    }

    @Test
    void aClassThatCannotBeRewrittenRunsUnchangedIsCountedAndLoggedOnce(@TempDir Path work) throws IOException {
        Path classes = work.resolve("classes");
        Path huge = classes.resolve("com/example/huge/Huge.class");
        Files.createDirectories(huge.getParent());
        Files.write(huge, hugeMethodClass(work));
        try (ChildJvm child = ChildJvm.start(List.of(), "port=0,maps=com.example.huge", List.of(classes),
                HugeMethodApp.class)) {
            String endpoint = child.awaitEndpoint();
            assertThat(child.awaitStdout(Pattern.compile("^ran (\\S+)$")).group(1)).isEqualTo("value");
            Scrape.until(endpoint, "mapwatch_agent_errors_total", Map.of("handler", "instrument"), v -> v == 1);
            assertThat(Scrape.get(endpoint.replace("/metrics", "/health")).body())
                    .contains("\"classesSeen\":1,\"classesTransformed\":0,\"classesFailed\":1,");
            assertThat(child.stderr().stream().filter(line -> line.startsWith("mapwatch: cannot rewrite")))
                    .singleElement().asString()
                    .startsWith("mapwatch: cannot rewrite com.example.huge.Huge, which runs unchanged;")
                    .contains("MethodTooLargeException").endsWith("(reported once)");
            child.send("quit");
        }
    }

    /**
     * {@code com.example.huge.Huge}, compiled by javac: {@code run(Map m)} calls {@code m.get("key")}
     * 7 200 times, one statement per line (9 bytes each, 64 802 bytes in all: javac accepts it), and
     * returns the last value. Each call is a site of its own name and id; from id 128 on the
     * rewrite takes one byte more per call ({@code SIPUSH id} and {@code INVOKESTATIC} for {@code
     * INVOKEINTERFACE}), past the JVM's 64 KiB limit.
     */
    private static byte[] hugeMethodClass(Path dir) throws IOException {
        StringBuilder source = new StringBuilder("package com.example.huge;\n"
                + "public final class Huge {\n"
                + "    public static Object run(java.util.Map<Object, Object> m) {\n");
        for (int i = 0; i < 7_199; i++) {
            source.append("        m.get(\"key\");\n");
        }
        source.append("        return m.get(\"key\");\n    }\n}\n");
        Path file = Files.createDirectories(dir.resolve("src/com/example/huge")).resolve("Huge.java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(dir.resolve("out"));
        int status = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", out.toString(), file.toString());
        assertThat(status).as("javac").isZero();
        return Files.readAllBytes(out.resolve("com/example/huge/Huge.class"));
    }

    /**
     * Scrapes until every map has exactly {@code times} phases' counts, then returns the next scrape,
     * which must still have exactly those counts; fails with the last scrape.
     *
     * <p>Why the next one: a scrape reads the families one after the other, in no fixed order (the
     * Prometheus registry keeps its collectors in a hash set), while the agent publishes what the
     * call sites counted once a second. A scrape can read {@code mapwatch_map_size} before a
     * publication and the counters after it: then it shows the counts of the phase but not yet the
     * size of that same moment, or no size series at all for a map the publication just added. Every
     * family of a scrape started after that one has returned is read after that publication, which
     * read each map's size after its counts, so after the phase's operations.
     */
    private static Scrape awaitCounts(String endpoint, Map<String, Expected> expected, int times) {
        long deadline = System.nanoTime() + ChildJvm.DEADLINE.toNanos();
        while (true) {
            Scrape scrape = Scrape.metrics(endpoint);
            List<String> wrong = wrongCounts(scrape, expected, times);
            if (wrong.isEmpty()) {
                Scrape after = Scrape.metrics(endpoint);
                assertThat(wrongCounts(after, expected, times)).as("counts changed with nothing run:\n%s", after.body())
                        .isEmpty();
                return after;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("maps without " + times + " phase(s) of counts: " + wrong + "\n" + scrape.body());
            }
            ChildJvm.pause(200);
        }
    }

    /** The maps of {@code expected} whose counts in {@code scrape} are not exactly {@code times} phases'. */
    private static List<String> wrongCounts(Scrape scrape, Map<String, Expected> expected, int times) {
        return expected.entrySet().stream()
                .filter(e -> !matches(scrape, e.getKey(), e.getValue(), times))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static boolean matches(Scrape scrape, String map, Expected e, int times) {
        Map<String, String> labels = Map.of("map", map, "strategy", e.strategy());
        return scrape.sum("mapwatch_map_lookups_total", with(labels, "result", "hit")) == e.hits() * times
                && scrape.sum("mapwatch_map_lookups_total", with(labels, "result", "miss")) == e.misses() * times
                && scrape.sum("mapwatch_map_puts_total", labels) == e.puts() * times
                && scrape.sum("mapwatch_map_removals_total", labels) == e.removals() * times
                && scrape.samples().named("mapwatch_map_puts_total").stream().anyMatch(s -> map.equals(s.labels().get("map")));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static double size(Scrape scrape, String map) {
        return scrape.sum("mapwatch_map_size", Map.of("map", map));
    }

    /** The line of ShopApp.java holding {@code marker}. */
    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/shop/ShopApp.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in ShopApp.java");
    }
}
