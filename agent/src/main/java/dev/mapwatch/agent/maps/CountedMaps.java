package dev.mapwatch.agent.maps;

import dev.mapwatch.agent.AgentLog;
import dev.mapwatch.agent.DaemonThreads;
import dev.mapwatch.exporter.jfr.MapSiteResolver;
import dev.mapwatch.exporter.maps.BoundedMapMeters;
import dev.mapwatch.exporter.maps.MapCacheMeters;
import dev.mapwatch.exporter.maps.MapComputeMeters;
import dev.mapwatch.instrument.InstrumentationStatus;
import dev.mapwatch.instrument.MapsInstrumentation;
import dev.mapwatch.instrument.MapsSelection;
import dev.mapwatch.maps.Counting;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The agent's side of {@code maps=}: the transformer is installed before {@code premain} (or
 * {@code agentmain}) returns, so no class of the selected packages loads unseen; once the agent
 * serves, the classes loaded before an attach are retransformed and the call sites' counters are
 * read every {@link #POLL} into the map series budget ({@link BoundedMapMeters}), the same one the
 * maps library's maps use.
 */
public final class CountedMaps implements AutoCloseable {

    /** How often the call sites' counters are read. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final MapsInstrumentation instrumentation;
    private final MapsSelection selection;
    private final boolean attached;
    private @Nullable ScheduledExecutorService poller; // guarded by this
    private boolean closed; // guarded by this

    private CountedMaps(
            MapsInstrumentation instrumentation, MapsSelection selection, boolean attached) {
        this.instrumentation = instrumentation;
        this.selection = selection;
        this.attached = attached;
    }

    /**
     * Installs the transformer for {@code selection}, whose call sites count as {@code counting}
     * says; {@code attached} when the agent was loaded into a running JVM, whose loaded classes
     * {@link #start} then retransforms.
     *
     * @throws IOException when the bootstrap jar cannot be put in place (nothing installed)
     */
    public static CountedMaps install(
            Instrumentation instrumentation,
            MapsSelection selection,
            Counting counting,
            boolean attached)
            throws IOException {
        MapsInstrumentation installed =
                MapsInstrumentation.install(
                        instrumentation,
                        selection,
                        counting,
                        (className, cause) ->
                                AgentLog.failureOnce(
                                        "instrument",
                                        "cannot rewrite "
                                                + className.replace('/', '.')
                                                + ", which runs unchanged; later failures are only counted in"
                                                + " mapwatch_agent_errors_total{handler=\"instrument\"}",
                                        cause),
                        AgentLog::line);
        if (installed.status().counting()
                != counting) { // SAMPLED without its thread (the maps library logged why)
            AgentLog.line(
                    "mapsCounting=sampled: the sampler thread could not start; the maps of "
                            + selection
                            + " are counted exactly");
        }
        return new CountedMaps(installed, selection, attached);
    }

    /**
     * Retransforms the classes loaded before an attach (on the calling thread), then starts reading
     * the counters into {@code meters} (the mapping functions' times into {@code computeMeters}, the caches' loads and evictions into {@code cacheMeters}) on the daemon thread {@code mapwatch-maps-poll}.
     */
    public void start(
            BoundedMapMeters meters, MapComputeMeters computeMeters, MapCacheMeters cacheMeters) {
        if (attached) {
            long started = System.nanoTime();
            int classes = instrumentation.retransformLoaded();
            AgentLog.line(
                    "counting maps in "
                            + instrumentation.status().packages()
                            + ": "
                            + classes
                            + " loaded classes retransformed in "
                            + (System.nanoTime() - started) / 1_000_000
                            + " ms");
        }
        try {
            CallSiteEvents.register();
        } catch (Throwable t) {
            AgentLog.failureOnce(
                    "maps-jfr",
                    "the counted maps cannot reach the JFR recording (a dump will not list them)",
                    t);
        }
        SiteCountersReader reader =
                new SiteCountersReader(meters, computeMeters, cacheMeters, selection);
        synchronized (this) {
            if (closed) {
                return;
            }
            poller =
                    Executors.newSingleThreadScheduledExecutor(
                            task -> DaemonThreads.single("mapwatch-maps-poll", task));
            poller.scheduleWithFixedDelay(
                    () -> {
                        try {
                            reader.read();
                        } catch (Throwable t) {
                            AgentLog.failureOnce(
                                    "maps-poll", "reading the counted maps failed; will retry", t);
                        }
                    },
                    0,
                    POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Names the map called at a rewritten call site's class, method and line, so the JFR events on
     * a map's internal locks count on that map ({@code mapwatch_map_lock_contention_seconds}).
     */
    public MapSiteResolver sites() {
        return new SiteLocationsResolver();
    }

    /** What the transformer did so far. */
    public InstrumentationStatus status() {
        return instrumentation.status();
    }

    /** Classes that could not be rewritten (and run unchanged). */
    public long failedClasses() {
        return instrumentation.status().failed();
    }

    /** Stops rewriting newly loaded classes and reading the counters; rewritten code keeps running. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (poller != null) {
                poller.shutdownNow();
            }
        }
        instrumentation.close();
    }
}
