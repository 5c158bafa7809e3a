package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.shop.ShopApp;
import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * attach; exact counts per phase, no {@code HashMap}. With {@code mapsCounting=sampled} the counts
 * are estimates marked as such, with {@code mapsCounting=off} they are zero; sizes are exact in
 * every mode.
 */
class CountedMapsIT {

    private static final String APP = "com.example.shop.";
    private static final Pattern ATTACHED =
            Pattern.compile("^mapwatch agent serving (http://\\S+/metrics) in JVM \\d+$");

    /** What one {@code phase} counts, per map: strategy, hits, misses, puts, removals. */
    private record Expected(String strategy, long hits, long misses, long puts, long removals) {}

    private static Map<String, Expected> onePhase() throws IOException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put(APP + "ShopApp.INVENTORY", new Expected("ConcurrentHashMap", 2, 1, 3, 0));
        expected.put(APP + "ShopApp.RANKING", new Expected("ConcurrentSkipListMap", 0, 0, 2, 1));
        expected.put(APP + "Shop.prices", new Expected("ConcurrentHashMap", 2, 2, 2, 0));
        expected.put(
                APP + "ShopApp$Warehouse.shelves", new Expected("ConcurrentHashMap", 0, 0, 2, 0));
        expected.put(
                APP + "ShopApp.phase:" + line("marker:basket"),
                new Expected("ConcurrentHashMap", 0, 0, 1, 0));
        expected.put(
                APP + "ShopApp.phase:" + line("marker:lambda"),
                new Expected("ConcurrentHashMap", 0, 1, 1, 0));
        expected.put(APP + "plugin.Plugin.cache", new Expected("ConcurrentHashMap", 1, 1, 1, 1));
        return expected;
    }

    @Test
    void underJavaagentEveryConcurrentMapIsCountedByNameAndNoHashMap() throws IOException {
        try (ChildJvm child = shop("port=0,maps=com.example")) {
            String endpoint = phases(child, 2);

            Scrape scrape = awaitCounts(endpoint, onePhase(), 2);
            assertPhaseSizes(scrape);
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "strategy"))
                    .doesNotContain("HashMap");
            assertThat(scrape.body()).doesNotContain("NOTES");

            String health = health(endpoint);
            assertThat(health)
                    .contains(
                            "\"maps\":{\"packages\":\"com.example\",\"counting\":\"exact\","
                                    + "\"state\":\"active\",")
                    .contains("\"classesTransformed\":4,")
                    .contains("\"classesFailed\":0,");
            assertThat(
                            Scrape.metrics(endpoint)
                                    .sum(
                                            "mapwatch_agent_errors_total",
                                            Map.of("handler", "instrument")))
                    .isZero();
        }
    }

    /**
     * Three seconds of lookups (about 10<sup>8</sup>), a quarter of them misses, with short pauses
     * as an application thread has ({@link ShopApp#load}), estimated from the sampling windows.
     * Bounds ({@code SamplingWindows}, "Its error"): sampling noise alone is far below a per cent
     * here; scheduling is not, and CI runs this among other child JVMs on two cores, where a
     * thread's estimates over seconds are 0.4 to 1.2 of the truth. This load's came out at 0.76 to
     * 1.01 on this 2-core machine at load 6, 0.93 to 1.20 beside three spinning processes (JDK 17
     * and 25) and 0.77 to 0.88 in this test among the others; the same loop without pauses, the worst case (slowed inside the windows by the
     * counting, and in step with the scheduler), at 0.78 to 0.98 alone and 0.56 to 0.66 in this
     * test among the others. So the sum is asserted within a factor of 4, which still fails for
     * sampling gone wrong (weights not applied: 1/32; nothing counted: 0). The miss ratio is a
     * ratio of two estimates from the same windows, each of which sees a quarter of misses:
     * asserted within 0.1 (it came out at 0.250 every time).
     */
    @Test
    void sampledCountingExportsEstimatesMarkedAsSuchAndExactSizes() throws IOException {
        try (ChildJvm child = shop("port=0,maps=com.example,mapsCounting=sampled")) {
            String endpoint = phases(child, 1);
            assertThat(child.command("load 3000")).isEqualTo("ok");
            Matcher loaded = child.awaitStdout(Pattern.compile("^loaded (\\d+) (\\d+)$"));
            long hits = Long.parseLong(loaded.group(1));
            long misses = Long.parseLong(loaded.group(2));
            assertThat(misses).as("the app's own count").isEqualTo((hits + misses) / 4);

            Map<String, String> catalogue =
                    Map.of("map", APP + "ShopApp.CATALOGUE", "strategy", "ConcurrentHashMap");
            Scrape scrape =
                    Scrape.settled(
                            endpoint,
                            "mapwatch_map_lookups_total",
                            catalogue,
                            Duration.ofMillis(1500));
            double estimatedHits =
                    scrape.sum("mapwatch_map_lookups_total", with(catalogue, "result", "hit"));
            double estimatedMisses =
                    scrape.sum("mapwatch_map_lookups_total", with(catalogue, "result", "miss"));
            double ratio = (estimatedHits + estimatedMisses) / (hits + misses);
            double missRatio = estimatedMisses / (estimatedHits + estimatedMisses);
            System.out.printf(
                    "CountedMapsIT sampled: %d lookups, estimate/truth %.3f, estimated miss ratio %.3f%n",
                    hits + misses, ratio, missRatio);
            assertThat(hits + misses).as("lookups made in 3 s").isGreaterThan(1_000_000);
            assertThat(ratio).as("estimated lookups / lookups made").isBetween(0.25, 4.0);
            assertThat(missRatio).as("estimated miss ratio").isCloseTo(0.25, within(0.1));
            assertThat(scrape.sum("mapwatch_map_size", catalogue)).isEqualTo(750);
            assertPhaseSizes(scrape);
            assertThat(countingOfEveryCallSiteMap(scrape))
                    .containsOnlyKeys(mapsOf(onePhase(), APP + "ShopApp.CATALOGUE"))
                    .allSatisfy(
                            (map, counting) -> assertThat(counting).as(map).isEqualTo("sampled"));
            assertThat(health(endpoint))
                    .contains("\"maps\":{\"packages\":\"com.example\",\"counting\":\"sampled\",");
        }
    }

    @Test
    void countingOffExportsZeroCountsButExactSizes() throws IOException {
        try (ChildJvm child = shop("port=0,maps=com.example,mapsCounting=off")) {
            String endpoint = phases(child, 2);

            // Unchanged for longer than the agent's one-second poll: a poll after the phases is in.
            Scrape scrape =
                    Scrape.settled(
                            endpoint, "mapwatch_map_size", Map.of(), Duration.ofMillis(1500));
            assertPhaseSizes(scrape);
            Map<String, Expected> none = new LinkedHashMap<>();
            onePhase().forEach((map, e) -> none.put(map, new Expected(e.strategy(), 0, 0, 0, 0)));
            assertThat(wrongCounts(scrape, none, 1))
                    .as("maps with counts or without series:\n%s", scrape.body())
                    .isEmpty();
            assertThat(countingOfEveryCallSiteMap(scrape))
                    .containsOnlyKeys(mapsOf(onePhase()))
                    .allSatisfy((map, counting) -> assertThat(counting).as(map).isEqualTo("off"));
            assertThat(health(endpoint))
                    .contains("\"maps\":{\"packages\":\"com.example\",\"counting\":\"off\",");
        }
    }

    /** The {@code counting} label of {@code mapwatch_map_counting} by map, for the application's maps. */
    private static Map<String, String> countingOfEveryCallSiteMap(Scrape scrape) {
        Map<String, String> counting = new LinkedHashMap<>();
        scrape.samples().named("mapwatch_map_counting").stream()
                .filter(s -> s.labels().get("map").startsWith(APP))
                .forEach(
                        s ->
                                counting.merge(
                                        s.labels().get("map"),
                                        s.labels().get("counting"),
                                        (a, b) -> a + "," + b));
        return counting;
    }

    private static String[] mapsOf(Map<String, Expected> expected, String... more) {
        List<String> maps = new ArrayList<>(expected.keySet());
        maps.addAll(List.of(more));
        return maps.toArray(String[]::new);
    }

    @Test
    void afterAnAttachOnlyWhatHappensFromThenOnIsCounted() throws IOException {
        try (ChildJvm child = shop(null)) {
            assertThat(child.command("phase")).isEqualTo("ok"); // before the attach: never counted

            Cli.Result attach =
                    Cli.run("attach", Long.toString(child.pid()), "port=0", "maps=com.example");
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            Matcher serving = ATTACHED.matcher(attach.out().strip());
            assertThat(serving.matches()).as(attach.out()).isTrue();
            String endpoint = serving.group(1);
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: counting maps in com\\.example: \\d+ loaded classes retransformed in \\d+ ms$"));

            assertThat(child.command("phase")).isEqualTo("ok");
            Scrape scrape = awaitCounts(endpoint, onePhase(), 1);
            assertThat(size(scrape, APP + "ShopApp.INVENTORY"))
                    .as("existing maps are counted from the attach on")
                    .isEqualTo(3);
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "strategy"))
                    .doesNotContain("HashMap");

            // A second attach loads nothing: the running agent keeps its options, mapsCounting too.
            Cli.Result again =
                    Cli.run(
                            "attach",
                            Long.toString(child.pid()),
                            "maps=com.example",
                            "mapsCounting=off");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out().strip())
                    .isEqualTo(
                            "mapwatch agent already running in JVM "
                                    + child.pid()
                                    + " at "
                                    + endpoint);
            assertThat(health(endpoint))
                    .contains("\"maps\":{\"packages\":\"com.example\",\"counting\":\"exact\",");
        }
    }

    @Test
    void aClassThatCannotBeRewrittenRunsUnchangedIsCountedAndLoggedOnce(@TempDir Path work)
            throws IOException {
        Path classes = work.resolve("classes");
        Path huge = classes.resolve("com/example/huge/Huge.class");
        Files.createDirectories(huge.getParent());
        Files.write(huge, hugeMethodClass(work));
        try (ChildJvm child =
                ChildJvm.start(
                        List.of(),
                        "port=0,maps=com.example.huge",
                        List.of(classes),
                        HugeMethodApp.class)) {
            String endpoint = child.awaitEndpoint();
            assertThat(child.awaitStdout(Pattern.compile("^ran (\\S+)$")).group(1))
                    .isEqualTo("value");
            Scrape.until(
                    endpoint,
                    "mapwatch_agent_errors_total",
                    Map.of("handler", "instrument"),
                    v -> v == 1);
            assertThat(health(endpoint))
                    .contains("\"classesSeen\":1,\"classesTransformed\":0,\"classesFailed\":1,");
            assertThat(
                            child.stderr().stream()
                                    .filter(line -> line.startsWith("mapwatch: cannot rewrite")))
                    .singleElement()
                    .asString()
                    .startsWith(
                            "mapwatch: cannot rewrite com.example.huge.Huge, which runs unchanged;")
                    .contains("MethodTooLargeException")
                    .endsWith("(reported once)");
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
        StringBuilder source =
                new StringBuilder(
                        "package com.example.huge;\n"
                                + "public final class Huge {\n"
                                + "    public static Object run(java.util.Map<Object, Object> m) {\n");
        for (int i = 0; i < 7_199; i++) {
            source.append("        m.get(\"key\");\n");
        }
        source.append("        return m.get(\"key\");\n    }\n}\n");
        Path file =
                Files.createDirectories(dir.resolve("src/com/example/huge")).resolve("Huge.java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(dir.resolve("out"));
        int status =
                javax.tools.ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "--release",
                                "17",
                                "-d",
                                out.toString(),
                                file.toString());
        assertThat(status).as("javac").isZero();
        return Files.readAllBytes(out.resolve("com/example/huge/Huge.class"));
    }

    /**
     * Scrapes until every map has exactly {@code times} phases' counts, then
     * returns the next scrape, which must still have exactly those ({@link Scrape#untilNothingWrong}
     * says why); fails with the last scrape.
     */
    private static Scrape awaitCounts(String endpoint, Map<String, Expected> expected, int times) {
        return Scrape.untilNothingWrong(
                endpoint,
                scrape ->
                        wrongCounts(scrape, expected, times).stream()
                                .map(map -> map + " without " + times + " phase(s) of counts")
                                .toList());
    }

    /** The maps of {@code expected} whose counts in {@code scrape} are not exactly {@code times} phases'. */
    private static List<String> wrongCounts(
            Scrape scrape, Map<String, Expected> expected, int times) {
        return expected.entrySet().stream()
                .filter(e -> !matches(scrape, e.getKey(), e.getValue(), times))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static boolean matches(Scrape scrape, String map, Expected e, int times) {
        Map<String, String> labels = Map.of("map", map, "strategy", e.strategy());
        return scrape.sum("mapwatch_map_lookups_total", with(labels, "result", "hit"))
                        == e.hits() * times
                && scrape.sum("mapwatch_map_lookups_total", with(labels, "result", "miss"))
                        == e.misses() * times
                && scrape.sum("mapwatch_map_puts_total", labels) == e.puts() * times
                && scrape.sum("mapwatch_map_removals_total", labels) == e.removals() * times
                && scrape.samples().named("mapwatch_map_puts_total").stream()
                        .anyMatch(s -> map.equals(s.labels().get("map")));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static double size(Scrape scrape, String map) {
        return scrape.sum("mapwatch_map_size", Map.of("map", map));
    }

    /** The sizes after any number of phases: the same in every counting mode. */
    private static void assertPhaseSizes(Scrape scrape) {
        assertThat(size(scrape, APP + "ShopApp.INVENTORY")).isEqualTo(3);
        assertThat(size(scrape, APP + "ShopApp.RANKING")).isEqualTo(1);
        assertThat(size(scrape, APP + "Shop.prices")).isEqualTo(2);
        assertThat(size(scrape, APP + "ShopApp$Warehouse.shelves")).isEqualTo(1);
        assertThat(size(scrape, APP + "plugin.Plugin.cache")).isZero();
    }

    private static String health(String endpoint) {
        return Scrape.get(endpoint.replace("/metrics", "/health")).body();
    }

    /** Waits for the agent's endpoint, runs {@code count} phases in {@code child}, returns the endpoint. */
    private static String phases(ChildJvm child, int count) {
        String endpoint = child.awaitEndpoint();
        for (int i = 0; i < count; i++) {
            assertThat(child.command("phase")).isEqualTo("ok");
        }
        return endpoint;
    }

    /** {@link ShopApp} in a child JVM with {@code agentArgs} ({@code null}: no agent), ready for commands. */
    private static ChildJvm shop(String agentArgs) {
        ChildJvm child = ChildJvm.start(agentArgs, ShopApp.class);
        try {
            child.awaitStdout(Pattern.compile("^ready$"));
            return child;
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
    }

    /** The line of ShopApp.java holding {@code marker}. */
    private static int line(String marker) throws IOException {
        List<String> lines =
                Files.readAllLines(Path.of("src/test/java/com/example/shop/ShopApp.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in ShopApp.java");
    }
}
