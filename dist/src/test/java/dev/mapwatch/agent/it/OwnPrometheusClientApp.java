package dev.mapwatch.agent.it;

import io.prometheus.metrics.config.ExporterFilterProperties;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.config.PrometheusProperties;

/**
 * An application with its own Prometheus client (the plain {@code io.prometheus} one) configured
 * the client's ways: it prints what its client read, then runs the {@link Workload}.
 */
public final class OwnPrometheusClientApp {

    private OwnPrometheusClientApp() {}

    public static void main(String[] args) throws Exception {
        PrometheusProperties own = PrometheusProperties.get();
        ExporterProperties exporter = own.getExporterProperties();
        ExporterFilterProperties filter = own.getExporterFilterProperties();
        System.out.println(
                "own client: includeCreatedTimestamps="
                        + exporter.getIncludeCreatedTimestamps()
                        + " exemplarsOnAllMetricTypes="
                        + exporter.getExemplarsOnAllMetricTypes()
                        + " excludedNamePrefixes="
                        + filter.getExcludedMetricNamePrefixes()
                        + " excludedNames="
                        + filter.getExcludedMetricNames());
        Workload.main(args);
    }
}
