package dev.mapwatch.agent.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.config.PrometheusProperties;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The agent's own settings of its (relocated) Prometheus client, stated explicitly: the client's
 * defaults. Left to itself the client takes its settings from {@code PrometheusProperties.get()},
 * which is meant for the application's own client (a {@code prometheus.properties} on the class
 * path, {@code PROMETHEUS_CONFIG}, {@code io.prometheus.*} system properties and environment
 * variables); an application's exemplar, histogram or exporter settings must not change what
 * mapwatch serves. The agent jar also renames those sources in its relocated copy (agent/pom.xml),
 * so the application's files and variables are not even read.
 */
public final class AgentExposition {

    private static final PrometheusProperties PROPERTIES = PrometheusProperties.builder().build();

    private AgentExposition() {}

    /** The settings of the agent's metrics and of its {@code /metrics} handler: the client's defaults. */
    public static PrometheusProperties properties() {
        return PROPERTIES;
    }

    /**
     * The Micrometer registry's configuration: Micrometer's defaults, and the client's exporter
     * defaults given as its highest-priority properties (Micrometer would otherwise turn on
     * exemplars on all metric types), for its own {@code scrape()}.
     */
    public static PrometheusConfig meterRegistryConfig() {
        return new PrometheusConfig() {
            @Override
            public @Nullable String get(String key) {
                return null; // Micrometer's defaults
            }

            @Override
            public Properties prometheusProperties() {
                Properties exporter = new Properties();
                exporter.setProperty("io.prometheus.exporter.include_created_timestamps", "false");
                exporter.setProperty(
                        "io.prometheus.exporter.exemplars_on_all_metric_types", "false");
                exporter.setProperty("io.prometheus.exporter.prometheus_timestamps_in_ms", "false");
                return exporter;
            }
        };
    }
}
