package dev.mapwatch.agent;

import dev.mapwatch.agent.http.AgentExposition;
import dev.mapwatch.agent.http.AgentHttpHandler;
import dev.mapwatch.agent.http.MetricsServer;
import dev.mapwatch.agent.maps.CountedMaps;
import dev.mapwatch.exporter.jfr.JfrMetrics;
import dev.mapwatch.exporter.maps.BoundedMapMeters;
import dev.mapwatch.exporter.maps.MapCacheMeters;
import dev.mapwatch.exporter.maps.MapComputeMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusPropertiesException;
import io.prometheus.metrics.core.metrics.Info;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jdk.jfr.FlightRecorder;
import org.jspecify.annotations.Nullable;

/**
 * One running agent: a Prometheus meter registry fed by JFR, served over HTTP. Built and started
 * on the {@code mapwatch-agent-start} thread; closed by a shutdown hook, even when the JVM ends
 * while it is still starting. Under {@code -javaagent} it starts the JFR recording first (while
 * {@code premain} waits for it, see {@link MapwatchAgent}) and the HTTP server after; otherwise
 * the HTTP server first, so a busy port costs the running application no JFR start.
 *
 * <p>Degradation: if the HTTP port cannot be bound the agent stops entirely (nothing could read
 * its metrics) and clears its marker, so a later {@code attach} with another port can start it.
 * If JFR cannot be used, {@code /metrics} and {@code /health} keep serving the agent's own
 * metrics, and {@code /health} says why JFR is off.
 */
public final class AgentRuntime implements AutoCloseable {

    /** JVM-wide marker: the running agent's {@code /metrics} URL (or {@code starting}). */
    public static final String ENDPOINT_PROPERTY = "mapwatch.agent.endpoint";

    /** The marker's value while the agent starts. */
    public static final String STARTING = "starting";

    static final String ERRORS = "mapwatch.agent.errors";

    private final AgentOptions options;
    private final long startedNanos = System.nanoTime();
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(AgentExposition.meterRegistryConfig());

    /** The series budget of every map: the maps library's (from JFR) and the counted call sites'. */
    private final BoundedMapMeters mapMeters =
            BoundedMapMeters.create(registry, JfrMetrics.DEFAULT_MAX_MAPS);

    private final MapComputeMeters computeMeters =
            MapComputeMeters.create(registry, JfrMetrics.DEFAULT_MAX_MAPS);
    private final MapCacheMeters cacheMeters =
            MapCacheMeters.create(registry, JfrMetrics.DEFAULT_MAX_MAPS);
    private final @Nullable CountedMaps maps;
    private volatile @Nullable MetricsServer server;
    private volatile @Nullable JfrCollection jfr;
    private volatile String jfrState = "starting";
    private boolean closed; // guarded by this

    private AgentRuntime(AgentOptions options, @Nullable CountedMaps maps) {
        this.options = options;
        this.maps = maps;
    }

    /**
     * Claims the JVM-wide marker; returns the endpoint of an agent already running (or starting),
     * or {@code null} when this caller may start one.
     */
    static @Nullable String claimMarker() {
        Object previous = System.getProperties().putIfAbsent(ENDPOINT_PROPERTY, STARTING);
        return previous == null ? null : previous.toString();
    }

    /**
     * Starts an agent; call on the start thread after {@link #claimMarker()} returned null.
     * {@code maps}: the installed transformer of {@code maps=}, or null. {@code recordingFirst}:
     * start the JFR recording before the HTTP server; {@code recordingStarted} runs once the
     * recording runs, or will not (whatever happened), so a {@code premain} waiting for it never
     * waits for nothing.
     */
    static void startClaimed(
            AgentOptions options,
            @Nullable CountedMaps maps,
            boolean recordingFirst,
            Runnable recordingStarted) {
        startContained(options, maps, recordingFirst, recordingStarted);
    }

    /** Starts an agent on this thread; whatever fails is reported once and closes it again. */
    private static @Nullable AgentRuntime startContained(
            AgentOptions options,
            @Nullable CountedMaps maps,
            boolean recordingFirst,
            Runnable recordingStarted) {
        AgentLog.debug(options.debug());
        if (recordingFirst) {
            // JFR's initialisation (most of the wait before main) overlaps loading the meter
            // registry.
            DaemonThreads.single("mapwatch-jfr-init", AgentRuntime::initialiseJfr).start();
        }
        AgentRuntime runtime = null;
        try {
            runtime = new AgentRuntime(options, maps);
            runtime.start(recordingFirst, recordingStarted);
        } catch (Throwable t) {
            if (runtime != null) {
                AgentLog.failureOnce("start", "agent failed to start", t);
                runtime.close();
            } else {
                notBuilt(t);
                closeQuietly(maps);
                System.getProperties().remove(ENDPOINT_PROPERTY, STARTING);
            }
        } finally {
            recordingStarted.run();
        }
        return runtime;
    }

    /** Says why the registry could not be built (the agent then stays off). */
    private static void notBuilt(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof PrometheusPropertiesException) {
                // Only the relocated names reach the agent's client (agent/pom.xml), so these are
                // settings meant for mapwatch's copy, not the application's own Prometheus client.
                AgentLog.failure(
                        "the agent's Prometheus client settings are invalid ("
                                + cause.getMessage()
                                + "); they come from dev.mapwatch.shaded.* system properties or DEV_MAPWATCH_SHADED_*"
                                + " environment variables, which the agent does not need: remove them; agent not started",
                        t);
                return;
            }
        }
        AgentLog.failure(
                "agent not started: its meter registry could not be built ("
                        + AgentLog.describe(t)
                        + ")",
                t);
    }

    /**
     * Starts an agent in this JVM on the calling thread (the {@code demo} command's way) and
     * returns it once it serves and JFR collection has started; empty when it could not start
     * (already reported on stderr), for example because an agent already runs or the port is taken.
     */
    public static Optional<AgentRuntime> startInProcess(AgentOptions options) {
        return startInProcess(options, null);
    }

    /** As {@link #startInProcess(AgentOptions)}, exporting what {@code maps} counts (null: nothing). */
    public static Optional<AgentRuntime> startInProcess(
            AgentOptions options, @Nullable CountedMaps maps) {
        String running = claimMarker();
        if (running != null) {
            AgentLog.line("agent already running at " + running + "; not starting a second one");
            return Optional.empty();
        }
        AgentRuntime runtime = startContained(options, maps, false, () -> {});
        return runtime == null || runtime.server == null || runtime.isClosed()
                ? Optional.empty()
                : Optional.of(runtime);
    }

    /** The registry the agent serves. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The {@code /metrics} URL. */
    public String endpoint() {
        MetricsServer current = server;
        return current == null ? "" : current.endpoint();
    }

    private void start(boolean recordingFirst, Runnable recordingStarted) {
        Thread hook = DaemonThreads.single("mapwatch-shutdown", this::close);
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            close(); // the application is already exiting: stay out of its way, silently
            return;
        }
        Info.builder(AgentExposition.properties())
                .name("mapwatch_agent_info")
                .help("The mapwatch agent serving these metrics (value 1)")
                .labelNames("version", "jdk")
                .register(registry.getPrometheusRegistry())
                .setLabelValues(AgentVersion.get(), Runtime.version().toString());
        errors("http"); // the family exists from the first scrape on, at 0
        if (recordingFirst) {
            startRecording();
            recordingStarted.run();
        }
        MetricsServer started;
        try {
            started =
                    MetricsServer.start(
                            options,
                            registry.getPrometheusRegistry(),
                            AgentHttpHandler.of(
                                    () -> health().toJson(), () -> errors("http").increment()));
        } catch (IOException e) {
            AgentLog.line(
                    "cannot serve on "
                            + options.host()
                            + ":"
                            + options.port()
                            + " ("
                            + AgentLog.describe(e)
                            + "); agent not started; choose a free port with port=<n> (0 picks one)");
            close();
            return;
        }
        if (!adopt(started, () -> server = started)) {
            return;
        }
        System.setProperty(ENDPOINT_PROPERTY, started.endpoint());
        AgentLog.line(
                "agent "
                        + AgentVersion.get()
                        + " serving "
                        + started.endpoint()
                        + " (and /health"
                        + (options.authenticated() ? ", authenticated" : "")
                        + ")");
        if (!recordingFirst) {
            startRecording();
        }
        awaitStreaming();
        startCountingMaps();
    }

    /** Exports the counted call sites (after retransforming the loaded classes, when attached). */
    private void startCountingMaps() {
        if (maps == null || isClosed()) {
            return;
        }
        FunctionCounter.builder(ERRORS, maps, CountedMaps::failedClasses)
                .description(
                        "Exceptions contained inside mapwatch, by handler; each handler logs its first one")
                .tag("handler", "instrument")
                .register(registry);
        try {
            maps.start(mapMeters, computeMeters, cacheMeters);
        } catch (Throwable t) {
            AgentLog.failureOnce(
                    "maps-start", "counting the application's maps failed to start", t);
        }
    }

    private static void initialiseJfr() {
        try {
            if (FlightRecorder.isAvailable()) { // else getFlightRecorder() would start JFR despite
                // -XX:-FlightRecorder
                FlightRecorder.getFlightRecorder();
            }
        } catch (Throwable unavailable) {
            // JfrMetrics says why, once, when it binds
        }
    }

    /** Starts the JFR recording and its meters; when this returns, what happens from now on is recorded. */
    private void startRecording() {
        try {
            JfrCollection collection =
                    JfrCollection.start(
                            options, registry, mapMeters, maps == null ? null : maps.sites());
            adopt(collection, () -> jfr = collection);
        } catch (Throwable t) {
            jfrUnavailable(t);
        }
    }

    /** Waits for the stream's first flush and says how JFR collection stands. */
    private void awaitStreaming() {
        JfrCollection collection = jfr;
        if (collection == null) {
            return; // unavailable, already said
        }
        try {
            collection.awaitStreaming();
            jfrState = collection.state();
            if (collection.stalled() && !isClosed()) {
                AgentLog.line(
                        "JFR collection "
                                + collection.state()
                                + "; /metrics serves what still works");
            }
        } catch (Throwable t) {
            jfrUnavailable(t);
        }
    }

    private void jfrUnavailable(Throwable t) {
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (isClosed()) {
            return; // the JVM is exiting under us: not worth a message
        }
        jfrState = "unavailable: " + AgentLog.describe(t);
        errors("jfr").increment();
        AgentLog.line(
                "JFR collection unavailable ("
                        + AgentLog.describe(t)
                        + "); /metrics serves the agent's own metrics only");
    }

    private Counter errors(String where) {
        return Counter.builder(ERRORS)
                .description(
                        "Exceptions contained inside mapwatch, by handler; each handler logs its first one")
                .tag("handler", where)
                .register(registry);
    }

    /** What {@code /health} reports right now. */
    public HealthReport health() {
        JfrCollection collection = jfr;
        List<String> events = collection == null ? List.of() : collection.enabledEvents();
        List<String> missing = collection == null ? List.of() : collection.missingEvents();
        long errorCount =
                (long)
                        (registry.find(ERRORS).counters().stream().mapToDouble(Counter::count).sum()
                                + registry.find(ERRORS).functionCounters().stream()
                                        .mapToDouble(FunctionCounter::count)
                                        .sum());
        MetricsServer current = server;
        return new HealthReport(
                collection != null && collection.running() ? "UP" : "DEGRADED",
                AgentVersion.get(),
                Runtime.version().toString(),
                Duration.ofNanos(System.nanoTime() - startedNanos),
                current == null ? "" : current.endpoint(),
                jfrState,
                events,
                missing,
                errorCount,
                maps == null ? null : maps.status());
    }

    /** Keeps {@code resource} (runs {@code keep}) unless the agent was closed meanwhile; then closes it. */
    private boolean adopt(AutoCloseable resource, Runnable keep) {
        synchronized (this) {
            if (!closed) {
                keep.run();
                return true;
            }
        }
        closeQuietly(resource);
        return false;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(maps);
        closeQuietly(jfr);
        closeQuietly(server);
        closeQuietly(registry::close);
        System.getProperties().remove(ENDPOINT_PROPERTY);
    }

    private static void closeQuietly(@Nullable AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Throwable ignored) {
            // closing during shutdown: nothing useful to report
        }
    }
}
