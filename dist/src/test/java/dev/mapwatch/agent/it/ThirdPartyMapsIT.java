package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A large library nobody here wrote, under the agent with its own packages observed ({@code
 * maps=com.google.common}): Guava's map test suites ({@link GuavaMapSuites}) still pass, every
 * Guava class loaded is examined and none fails to transform, and what the testers did to the maps
 * is on {@code /metrics}, within the series budget.
 */
class ThirdPartyMapsIT {

    private static final Pattern RESULT =
            Pattern.compile("^tests (\\d+) failures (\\d+) errors (\\d+) in (\\d+) ms$");

    @Test
    void guavasOwnMapSuitesPassWithGuavaInstrumentedAndNothingFailsToTransform() throws Exception {
        List<Path> guava =
                List.of(
                        jarOf(com.google.common.collect.ImmutableMap.class),
                        jarOf(
                                com.google.common.util.concurrent.internal
                                        .InternalFutureFailureAccess.class),
                        jarOf(com.google.common.collect.testing.MapTestSuiteBuilder.class),
                        jarOf(junit.framework.TestSuite.class),
                        jarOf(org.hamcrest.Matcher.class),
                        jarOf(org.jspecify.annotations.NullMarked.class));
        try (ChildJvm child =
                ChildJvm.start(
                        List.of(), "port=0,maps=com.google.common", guava, GuavaMapSuites.class)) {
            String endpoint = child.awaitEndpoint();
            // About 110,000 tests: 10 to 15 s on two busy cores.
            Matcher result = child.awaitStdout(RESULT, Duration.ofMinutes(3));
            assertThat(Integer.parseInt(result.group(1)))
                    .as(child.transcript())
                    .isGreaterThan(100_000);
            assertThat(result.group(2) + " failures, " + result.group(3) + " errors")
                    .as(child.transcript())
                    .isEqualTo("0 failures, 0 errors");

            String health = Scrape.get(endpoint.replace("/metrics", "/health")).body();
            assertThat(health).contains("\"classesFailed\":0,");
            // About 270 Guava classes load, 20 of them with counted call sites (124 names).
            assertThat(number(health, "classesSeen")).as(health).isGreaterThan(200);
            assertThat(number(health, "classesTransformed")).as(health).isGreaterThan(10);
            // The counters come once per second: the testers' lookups show up, beyond the budget in
            // "other".
            Scrape scrape =
                    Scrape.until(
                            endpoint,
                            "mapwatch_map_lookups_total",
                            Map.of("map", "other"),
                            v -> v > 0);
            assertThat(scrape.sum("mapwatch_agent_errors_total", Map.of("handler", "instrument")))
                    .isZero();
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "map"))
                    .hasSizeLessThanOrEqualTo(65)
                    .anyMatch(name -> name.startsWith("com.google.common.collect.testing."));
            assertThat(scrape.samples().labelValues("mapwatch_map_puts_total", "strategy"))
                    .contains("ConcurrentHashMap", "ConcurrentSkipListMap");
            child.send("quit");
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
