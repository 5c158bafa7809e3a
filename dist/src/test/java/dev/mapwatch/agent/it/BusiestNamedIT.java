package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.crowd.CrowdApp;
import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busiest are the ones named, in a child JVM with the real agent: after a start-up that used
 * 200 maps (more than the 64 with series of their own), one map that takes all the traffic is named
 * within 15 s, counts every lookup exactly from the moment it got its series, and the lookups of all
 * series add up to the truth; a class allocating most of the bytes is named within 15 s.
 */
class BusiestNamedIT {

    private static final String CACHE = "com.example.crowd.CrowdApp.CACHE";
    private static final Duration NAMED_WITHIN = Duration.ofSeconds(15);
    private static final int STARTUP_MAPS = 200;

    @Test
    void aMapThatTakesTheTrafficAfterAStartUpOfManyMapsIsNamedWithinFifteenSeconds(
            @TempDir Path work) throws IOException {
        try (ChildJvm child =
                ChildJvm.start(
                        List.of(),
                        "port=0,maps=com.example.crowd",
                        List.of(startupClass(work)),
                        CrowdApp.class)) {
            String endpoint = child.awaitEndpoint();
            child.awaitStdout(Pattern.compile("^ready$"));
            assertThat(child.command("startup")).isEqualTo("ok");
            // every start-up write is exported, in a series of its own or in other
            Scrape.until(
                    endpoint, "mapwatch_map_puts_total", Map.of(), v -> v == STARTUP_MAPS * 1_000);
            Scrape startup = Scrape.metrics(endpoint);
            System.out.printf(
                    "BusiestNamedIT: after start-up %d mapwatch_map_* series, %d mapwatch_* series%n",
                    series(startup, "mapwatch_map_"), series(startup, "mapwatch_"));
            assertThat(startup.samples().labelValues("mapwatch_map_size", "map"))
                    .as("64 maps and other")
                    .hasSize(65)
                    .doesNotContain(CACHE);

            long started = System.nanoTime();
            assertThat(child.command("busy")).isEqualTo("ok");
            Scrape.until(endpoint, "mapwatch_map_size", Map.of("map", CACHE), v -> v == 1);
            Duration named = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("BusiestNamedIT: %s named after %d ms%n", CACHE, named.toMillis());
            assertThat(named).isLessThan(NAMED_WITHIN);

            assertThat(child.command("stop")).isEqualTo("ok");
            long busy =
                    Long.parseLong(child.awaitStdout(Pattern.compile("^looked (\\d+)$")).group(1));
            Map<String, String> cache = Map.of("map", CACHE, "result", "hit");
            double before =
                    Scrape.settled(
                                    endpoint,
                                    "mapwatch_map_lookups_total",
                                    cache,
                                    Duration.ofMillis(1500))
                            .sum("mapwatch_map_lookups_total", cache);
            assertThat(child.command("lookups 12345")).isEqualTo("ok");
            Scrape after =
                    Scrape.until(
                            endpoint,
                            "mapwatch_map_lookups_total",
                            cache,
                            v -> v >= before + 12_345);
            assertThat(after.sum("mapwatch_map_lookups_total", cache))
                    .as("every lookup since it has its series")
                    .isEqualTo(before + 12_345);
            // only the busy map looks anything up: its series and other's hold all of its lookups
            assertThat(after.sum("mapwatch_map_lookups_total", Map.of()))
                    .as("all series' lookups")
                    .isEqualTo(busy + 12_345);
            assertThat(after.samples().named("mapwatch_map_promotions_total"))
                    .as("no ConcurrentHashMap promotes")
                    .isEmpty();
            assertThat(after.samples().named("mapwatch_map_tombstones")).isEmpty();
            assertThat(after.samples().named("mapwatch_map_lock_waits_total")).isEmpty();
            child.command("quit");
        }
    }

    @Test
    void aClassAllocatingMostOfTheBytesIsNamedWithinFifteenSeconds() {
        try (ChildJvm child = ChildJvm.start(List.of(), "port=0", List.of(), CrowdApp.class)) {
            String endpoint = child.awaitEndpoint();
            child.awaitStdout(Pattern.compile("^ready$"));
            child.awaitJfrRunning(endpoint);
            Map<String, String> heavy = Map.of("class", CrowdApp.class.getName() + "$Heavy");
            long started = System.nanoTime();
            assertThat(child.command("allocate")).isEqualTo("ok");
            Scrape.until(endpoint, "mapwatch_allocation_bytes_total", heavy, v -> v > 0);
            Duration named = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(
                    "BusiestNamedIT: Heavy named after %d ms (JDK %d)%n",
                    named.toMillis(), ChildJvm.javaFeatureVersion());
            assertThat(named).isLessThan(NAMED_WITHIN);
            assertThat(child.command("stop")).isEqualTo("ok");
            child.command("quit");
        }
    }

    /** The samples in {@code scrape} whose name starts with {@code prefix}. */
    private static long series(Scrape scrape, String prefix) {
        return scrape.body().lines().filter(line -> line.startsWith(prefix)).count();
    }

    /** {@code com.example.crowd.Startup}: 200 static maps, {@code warm()} writes 1 000 entries into each. */
    private static Path startupClass(Path work) throws IOException {
        StringBuilder source =
                new StringBuilder(
                        "package com.example.crowd;\n"
                                + "import java.util.concurrent.ConcurrentHashMap;\n"
                                + "public final class Startup {\n");
        for (int i = 0; i < STARTUP_MAPS; i++) {
            source.append("    static final ConcurrentHashMap<Integer, Integer> m")
                    .append(i)
                    .append(" = new ConcurrentHashMap<>();\n");
        }
        source.append(
                "    public static void warm() {\n        for (int i = 0; i < 1000; i++) {\n");
        for (int i = 0; i < STARTUP_MAPS; i++) {
            source.append("            m").append(i).append(".put(i, i);\n");
        }
        source.append("        }\n    }\n}\n");
        Path file =
                Files.createDirectories(work.resolve("src/com/example/crowd"))
                        .resolve("Startup.java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(work.resolve("classes"));
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
        return out;
    }
}
