package dev.mapwatch.dashboards;

import java.util.Map;

/** Values for the dashboards' variables, as Grafana would send them. */
final class SampleVariables {

    private SampleVariables() {}

    /**
     * Values for a Prometheus that scrapes the given agent and bpf targets.
     *
     * @param rateInterval what {@code $__rate_interval} becomes (Grafana: at least 4 scrape intervals)
     */
    static Map<String, String> of(
            String job,
            String instance,
            String map,
            String bpfJob,
            String bpfInstance,
            String rateInterval) {
        return Map.of(
                "job",
                job,
                "instance",
                instance,
                "map",
                map,
                "bpf_job",
                bpfJob,
                "bpf_instance",
                bpfInstance,
                "datasource",
                "prometheus",
                "__rate_interval",
                rateInterval);
    }

    /** Plausible values, for parsing: Grafana's "All" (the variables' allValue) and a 1m rate interval. */
    static Map<String, String> all() {
        return of(".+", ".+", ".+", ".+", ".+", "1m");
    }
}
