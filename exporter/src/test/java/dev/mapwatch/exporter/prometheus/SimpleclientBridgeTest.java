package dev.mapwatch.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.maps.MapMeters;
import dev.mapwatch.exporter.testing.Exposition;
import dev.mapwatch.exporter.testing.Exposition.Family;
import dev.mapwatch.maps.MapStats;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimpleclientBridgeTest {

    private final PrometheusMeterRegistry meters =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CollectorRegistry legacy = new CollectorRegistry();
    private final MapStats stats =
            new MapStats(
                    42, 8, 13, 3, 2, 1, 1_500_000_000L, 2, 4_000_000_000L, 5, 250_000_000L, 10);

    @Test
    void mapwatchMetersReadTheSameInTheLegacyRegistry() throws Exception {
        MapMeters mapMeters = MapMeters.register(meters, "orders", "SYNC_MAP", () -> stats);
        Timer lifetimes =
                Timer.builder("mapwatch.thread.lifetime")
                        .tag("kind", "platform")
                        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofSeconds(1))
                        .register(meters);
        lifetimes.record(Duration.ofMillis(5));
        lifetimes.record(Duration.ofMillis(500));
        lifetimes.record(Duration.ofSeconds(3));
        Timer contention =
                Timer.builder("mapwatch.lock.contention")
                        .tags("kind", "monitor", "class", "a.B")
                        .register(meters);
        contention.record(Duration.ofMillis(20));
        meters.counter("app.requests").increment(); // the application's own: not bridged

        SimpleclientBridge.register(meters, legacy);

        String[] mapLabels = {"map", "result", "strategy"};
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_map_lookups_total",
                                mapLabels,
                                new String[] {"orders", "hit", "SYNC_MAP"}))
                .isEqualTo(42.0);
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_map_size",
                                new String[] {"map", "strategy"},
                                new String[] {"orders", "SYNC_MAP"}))
                .isEqualTo(10.0);
        String[] le = {"kind", "le"};
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_thread_lifetime_seconds_bucket",
                                le,
                                new String[] {"platform", "0.001"}))
                .isEqualTo(0.0);
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_thread_lifetime_seconds_bucket",
                                le,
                                new String[] {"platform", "1.0"}))
                .isEqualTo(2.0);
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_thread_lifetime_seconds_bucket",
                                le,
                                new String[] {"platform", "+Inf"}))
                .isEqualTo(3.0);
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_thread_lifetime_seconds_count",
                                new String[] {"kind"},
                                new String[] {"platform"}))
                .isEqualTo(3.0);
        assertThat(
                        legacy.getSampleValue(
                                "mapwatch_lock_contention_seconds_sum",
                                new String[] {"class", "kind"},
                                new String[] {"a.B", "monitor"}))
                .isEqualTo(0.02);
        assertThat(legacy.getSampleValue("app_requests_total")).isNull();
        mapMeters.remove();
    }

    @Test
    void theLegacyExpositionHasTheSameFamiliesTypesAndSamplesAsMicrometers() throws Exception {
        MapMeters.register(meters, "orders", "CONCURRENT", () -> stats);
        Timer.builder("mapwatch.thread.lifetime")
                .tag("kind", "virtual")
                .serviceLevelObjectives(Duration.ofMillis(1))
                .register(meters)
                .record(Duration.ofMillis(3));
        SimpleclientBridge.register(meters, legacy);

        StringWriter legacyText = new StringWriter();
        TextFormat.write004(legacyText, legacy.metricFamilySamples());
        Map<String, Family> bridged = Exposition.parse(legacyText.toString());
        Map<String, Family> original =
                Exposition.parse(meters.scrape()).entrySet().stream()
                        .filter(e -> e.getKey().startsWith(SimpleclientBridge.PREFIX))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(bridged.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
        original.forEach(
                (name, family) -> {
                    assertThat(bridged.get(name).type())
                            .as("type of " + name)
                            .isEqualTo(family.type());
                    assertThat(sorted(bridged.get(name).samples()))
                            .as("samples of " + name)
                            .isEqualTo(sorted(family.samples()));
                });
    }

    private static List<String> sorted(List<Exposition.Sample> samples) {
        return samples.stream()
                .map(s -> s.name() + new java.util.TreeMap<>(s.labels()) + "=" + s.value())
                .sorted()
                .toList();
    }
}
