package dev.mapwatch.agent;

import dev.mapwatch.exporter.jfr.JfrMetrics;
import dev.mapwatch.exporter.jfr.MapSiteResolver;
import dev.mapwatch.exporter.maps.BoundedMapMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JFR side of the agent: the exporter's {@link JfrMetrics} (one JFR event stream turned into
 * meters) configured from the agent's options. Degrades rather than fails: a JVM without JFR, or
 * a JDK missing some events, yields fewer metrics, never an exception into the host.
 */
final class JfrCollection implements AutoCloseable {

    /** How long start-up waits for the stream's first flush before reporting JFR as stalled. */
    private static final Duration FIRST_FLUSH = Duration.ofSeconds(15);

    private final JfrMetrics metrics;

    private JfrCollection(JfrMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Binds the JFR meters to {@code registry} (the maps' statistics to {@code mapMeters}; waits on
     * the internal locks of the maps at {@code mapSites}' call sites to those maps, null: none), with
     * stack traces and {@code jdk.JVMInformation} in the recording, so a {@code jcmd JFR.dump} of it
     * serves {@code mapwatch report}: when this returns the recording runs, so what
     * happens from then on is counted (once the stream flushes, {@link #awaitStreaming()}). Returns
     * the collection even when JFR turns out to be off; {@link #state()} tells.
     */
    static JfrCollection start(
            AgentOptions options,
            MeterRegistry registry,
            BoundedMapMeters mapMeters,
            @Nullable MapSiteResolver mapSites) {
        JfrMetrics.Builder builder =
                JfrMetrics.builder()
                        .mapMeters(mapMeters)
                        .lockThreshold(options.lockThreshold())
                        .topN(options.topN())
                        .stackTraces(true)
                        .log(AgentLog.exporterLog());
        if (mapSites != null) {
            builder.mapSites(mapSites);
        }
        JfrMetrics metrics = builder.build();
        JfrCollection collection = new JfrCollection(metrics);
        try {
            metrics.bindTo(registry);
        } catch (Throwable t) {
            collection.close();
            throw t;
        }
        return collection;
    }

    /** Waits (at most {@link #FIRST_FLUSH}) until the stream has flushed once; then {@link #state()} says {@code running}. */
    void awaitStreaming() throws InterruptedException {
        streaming = metrics.awaitStreaming(FIRST_FLUSH);
    }

    private volatile boolean streaming;

    /** {@code running}, or why not. */
    String state() {
        if (streaming) {
            return "running";
        }
        return metrics.enabledEvents().isEmpty()
                ? "unavailable: JFR cannot be used in this JVM"
                : "stalled: the JFR stream did not flush within " + FIRST_FLUSH.toSeconds() + " s";
    }

    boolean running() {
        return streaming;
    }

    /**
     * Whether the stream was set up but never flushed. When JFR is unavailable the exporter has
     * already said why; a stall only the agent sees.
     */
    boolean stalled() {
        return !streaming && !metrics.enabledEvents().isEmpty();
    }

    /** The JFR events consumed, by name. */
    List<String> enabledEvents() {
        return metrics.enabledEvents();
    }

    /** Events mapwatch would use that this JDK lacks. */
    List<String> missingEvents() {
        return metrics.missingEvents();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
