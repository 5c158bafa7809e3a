package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.top.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code maps=} on a real Spring Boot application that knows nothing of mapwatch: {@code
 * com.example.spring.SpringCachesApp} (module it-spring), run from its own jar on Spring's own class
 * path (Spring Boot 3.5, Spring Framework 6.2, Caffeine) under the agent jar. Its {@code @Cacheable}
 * beans use caches of a {@code ConcurrentMapCacheManager} and of a {@code CaffeineCacheManager},
 * plain and {@code sync = true} (the cache runs the load, once failing), one cache created on the
 * fly long after start-up; its own code calls {@code Cache.get(key)} and {@code get(key, type)} of
 * another. Each Spring cache is counted by its own name, strategy {@code
 * SpringCache}, with the exact figures its own statistics would give (the table of {@code
 * Traffic}, which Caffeine's {@code recordStats()} agreed with), and once: no series for Spring's
 * internal maps nor for the Caffeine cache under a {@code CaffeineCache}.
 */
class SpringCachesIT {

    private static final String STRATEGY = "SpringCache";
    private static final String MAIN = "com.example.spring.SpringCachesApp";

    /** Spring Boot starting under the agent, C1 only, on two busy cores: well over the usual deadline. */
    private static final Duration START = Duration.ofSeconds(90);

    /**
     * One cache's figures: lookups that missed (failed loads included) and hit, loads the cache ran
     * ({@code sync = true}) that succeeded and failed, entries.
     */
    private record Expected(long misses, long hits, long loaded, long failed, long size) {}

    /** The caches after start-up, as {@code Traffic.startUp()} uses them. */
    private static Map<String, Expected> atStartUp() {
        Map<String, Expected> caches = new LinkedHashMap<>();
        caches.put("prices", new Expected(3, 7, 0, 0, 3)); // ConcurrentMapCache
        caches.put("users", new Expected(3, 4, 0, 0, 2)); // the same, by the app's own calls
        caches.put("quotes", new Expected(3, 2, 2, 1, 2)); // ConcurrentMapCache, sync
        caches.put("stock", new Expected(4, 11, 0, 0, 4)); // CaffeineCache registered up front
        caches.put("rates", new Expected(5, 7, 4, 1, 4)); // CaffeineCache on first use, sync
        return caches;
    }

    /** And after {@code late}: a CaffeineCache created then. */
    private static Map<String, Expected> afterLate() {
        Map<String, Expected> caches = atStartUp();
        caches.put("late", new Expected(5, 2, 0, 0, 5));
        return caches;
    }

    @Test
    void everySpringCacheIsCountedOnceByItsNameEvenOneCreatedOnTheFly() {
        try (ChildJvm child = springApp("port=0,maps=com.example.spring")) {
            String endpoint = child.awaitEndpoint();
            child.awaitStdout(Pattern.compile("^traffic done$"), START);

            Scrape startUp = awaitCaches(endpoint, atStartUp());
            assertThat(mapsOnAnySeries(startUp))
                    .as("only the caches used so far, by name:\n%s", startUp.body())
                    .containsExactlyInAnyOrderElementsOf(atStartUp().keySet());

            assertThat(child.command("late")).isEqualTo("ok");
            Scrape late = awaitCaches(endpoint, afterLate());
            assertThat(mapsOnAnySeries(late))
                    .as(
                            "the caches by name, nothing of Spring's or Caffeine's own maps:\n%s",
                            late.body())
                    .containsExactlyInAnyOrderElementsOf(afterLate().keySet());
            assertThat(strategiesOnAnySeries(late)).containsExactly(STRATEGY);
            assertThat(late.sum("mapwatch_agent_errors_total", Map.of("handler", "instrument")))
                    .isZero();
            assertThat(Scrape.get(endpoint.replace("/metrics", "/health")).body())
                    .contains("\"classesFailed\":0,");

            assertThat(child.command("exit")).isEqualTo("ok");
            assertThat(child.awaitExit(ChildJvm.DEADLINE)).as(child.transcript()).isZero();
        }
    }

    /**
     * Scrapes until every cache of {@code expected} has exactly its figures and a size series, and
     * the next scrape too ({@link Scrape#untilNothingWrong}).
     */
    private static Scrape awaitCaches(String endpoint, Map<String, Expected> expected) {
        return Scrape.untilNothingWrong(
                endpoint,
                scrape -> {
                    List<String> wrong = new ArrayList<>();
                    expected.forEach((cache, e) -> wrong.addAll(wrong(scrape, cache, e)));
                    return wrong;
                });
    }

    /** What in {@code scrape} differs from {@code e} for {@code cache}: "cache family: found, not wanted". */
    private static List<String> wrong(Scrape scrape, String cache, Expected e) {
        Map<String, String> labels = Map.of("map", cache, "strategy", STRATEGY);
        Map<String, Long> wanted = new LinkedHashMap<>();
        wanted.put("mapwatch_map_lookups_total{result=miss}", e.misses());
        wanted.put("mapwatch_map_lookups_total{result=hit}", e.hits());
        wanted.put("mapwatch_map_loads_total{result=success}", e.loaded());
        wanted.put("mapwatch_map_loads_total{result=failure}", e.failed());
        wanted.put("mapwatch_map_load_seconds_count", e.loaded() + e.failed());
        wanted.put("mapwatch_map_size", e.size());
        List<String> wrong = new ArrayList<>();
        wanted.forEach(
                (series, value) -> {
                    double found = sum(scrape, series, labels);
                    if (found != value) {
                        wrong.add(cache + " " + series + ": " + found + ", not " + value);
                    }
                });
        boolean sized =
                scrape.samples().named("mapwatch_map_size").stream()
                        .anyMatch(s -> s.labels().equals(labels));
        if (!sized) {
            wrong.add(cache + ": no mapwatch_map_size" + labels);
        }
        return wrong;
    }

    /** {@code series} is a name, or a name and one more label as {@code name{label=value}}. */
    private static double sum(Scrape scrape, String series, Map<String, String> labels) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return scrape.sum(series, labels);
        }
        String[] label = series.substring(brace + 1, series.length() - 1).split("=");
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(label[0], label[1]);
        return scrape.sum(series.substring(0, brace), more);
    }

    /** Every {@code map} label value on any mapwatch series of the scrape. */
    private static Set<String> mapsOnAnySeries(Scrape scrape) {
        return labelOnAnySeries(scrape, "map");
    }

    /** Every {@code strategy} label value on any mapwatch series of the scrape. */
    private static Set<String> strategiesOnAnySeries(Scrape scrape) {
        return labelOnAnySeries(scrape, "strategy");
    }

    private static Set<String> labelOnAnySeries(Scrape scrape, String label) {
        Set<String> values = new TreeSet<>();
        for (String name : scrape.samples().names()) {
            if (name.startsWith("mapwatch_")) {
                for (Sample sample : scrape.samples().named(name)) {
                    if (sample.labels().containsKey(label)) {
                        values.add(sample.label(label));
                    }
                }
            }
        }
        return values;
    }

    /**
     * The application in a child JVM under the agent given {@code agentArgs}: its jar and Spring's
     * jars only, as the build gives them ({@code mapwatch.test.spring.app}, {@code
     * mapwatch.test.spring.classpath}, written by it-spring).
     */
    private static ChildJvm springApp(String agentArgs) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(built("mapwatch.test.spring.app"));
        classpath.addAll(
                ChildJvm.readClasspath(
                        Path.of(System.getProperty("mapwatch.test.spring.classpath", ""))));
        return ChildJvm.startMain(List.of(), agentArgs, classpath, MAIN);
    }

    private static Path built(String property) {
        Path path = Path.of(System.getProperty(property, ""));
        if (!path.toFile().isFile()) {
            throw new IllegalStateException(
                    property + " missing: " + path + " (run mvn verify, which builds it-spring)");
        }
        return path;
    }
}
