package dev.mapwatch.agent;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The JFR side of the agent: one event stream turned into meters (the exporter's JfrMetrics). */
final class JfrCollection implements AutoCloseable {

    private JfrCollection() {
    }

    /** Starts consuming JFR events into {@code registry}; throws when JFR cannot be used here. */
    static JfrCollection start(AgentOptions options, MeterRegistry registry) {
        throw new UnsupportedOperationException("JFR metrics are not in this build yet");
    }

    /** The JFR events consumed, by name. */
    List<String> enabledEvents() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
