package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.log.MapwatchLog;
import dev.mapwatch.exporter.maps.BoundedMapMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.EventSettings;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;
import org.jspecify.annotations.Nullable;

/**
 * JVM concurrency from one JFR {@link RecordingStream}, as Micrometer meters: lock contention,
 * allocation by class, platform and virtual threads (live, started, ended, lifetimes), virtual
 * thread pinning, and mapwatch's own map events. The catalogue is {@code docs/metrics.md}.
 *
 * <pre>{@code
 * JfrMetrics jfr = JfrMetrics.builder().lockThreshold(Duration.ofMillis(10)).topN(20).build();
 * jfr.bindTo(registry);   // the recording runs when this returns; a daemon thread "mapwatch-jfr-stream" reads it
 * ...
 * jfr.close();            // stops it
 * }</pre>
 *
 * <p>Only handlers whose event exists in the running JDK are enabled ({@code jdk.VirtualThread*}
 * from JDK 21); mapwatch's own events are always enabled, because the application registers them
 * when it first uses a watched map, possibly after the stream started. {@link #bindTo} never fails
 * because JFR is unavailable or an event is missing: it degrades and says so once, in one line, on
 * its {@link Builder#log log} ({@link System.Logger} unless told otherwise; a missing JDK event is
 * only a debug line, see {@link #missingEvents()}). An exception in a handler is contained, counted
 * in {@code mapwatch_agent_errors_total{handler}} and logged once per handler. Memory is bounded: the
 * stream keeps little on disk ({@link #MAX_AGE}, {@link #MAX_SIZE}), class and map labels are
 * top-N bounded, the thread-lifetime table is bounded.
 *
 * <p>The stream delivers events in order (the default), because thread lifetimes pair a start
 * with its end; with JFR's one-second flushes that costs little.
 */
public final class JfrMetrics implements MeterBinder, AutoCloseable {

    /** Default threshold for lock contention, parking, pinning and map lock waits. */
    public static final Duration DEFAULT_LOCK_THRESHOLD =
            dev.mapwatch.maps.MapWatchBuilder.DEFAULT_LOCK_WAIT_THRESHOLD;

    /** Default number of class (and map) label values with their own series, per meter. */
    public static final int DEFAULT_TOP_N = 20;

    /** Default bound of the table that pairs thread starts with their ends. */
    public static final int DEFAULT_MAX_TRACKED_THREADS = 10_000;

    /** Default number of maps with their own series (the busiest; the rest add up in {@code map="other"}). */
    public static final int DEFAULT_MAX_MAPS = 64;

    /** How long the stream keeps recorded data on disk. */
    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** How much recorded data the stream keeps on disk at most. */
    public static final long MAX_SIZE = 16L * 1024 * 1024;

    /** The JDK events mapwatch uses when the running JDK has them. */
    static final List<String> JDK_EVENTS =
            List.of(
                    "jdk.JavaMonitorEnter",
                    "jdk.ThreadPark",
                    "jdk.ObjectAllocationSample",
                    "jdk.ThreadStart",
                    "jdk.ThreadEnd",
                    "jdk.VirtualThreadStart",
                    "jdk.VirtualThreadEnd",
                    "jdk.VirtualThreadPinned");

    /**
     * The events recorded with their stack traces when {@link Builder#stackTraces} is on (the
     * agent's incident recording), or needed by {@link Builder#mapSites} to attribute to maps.
     */
    static final Set<String> STACK_EVENTS =
            Set.of(
                    "jdk.JavaMonitorEnter",
                    "jdk.ThreadPark",
                    "jdk.ObjectAllocationSample",
                    "jdk.VirtualThreadPinned");

    /**
     * Events only recorded (no meter reads them), for a dump of the recording: which JVM it was, and
     * where the counted call sites are. Written at the beginning and the end of every chunk: the call
     * sites are registered while the application runs, after the first chunk began, and {@code jcmd
     * JFR.dump} ends the current chunk, so the dump names every site rewritten until then.
     */
    static final List<String> RECORDED_ONLY =
            List.of("jdk.JVMInformation", dev.mapwatch.maps.MapEventNames.CALL_SITE);

    /** The {@code handler} label of failures of the stream itself rather than of one handler. */
    static final String STREAM_HANDLER = "stream";

    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final String STREAM_THREAD = "mapwatch-jfr-stream";

    /** How long {@link #bindTo} waits for the recording to run at most. */
    static final Duration RECORDING_START_WAIT = Duration.ofSeconds(10);

    private final Duration lockThreshold;
    private final int topN;
    private final int maxTrackedThreads;
    private final int maxMaps;
    private final @Nullable BoundedMapMeters mapMeters;
    private final boolean mapEvents;
    private final List<Function<MeterRegistry, JfrEventHandler>> extraHandlers;
    private final MapwatchLog log;
    private final boolean stackTraces;
    private final @Nullable MapSiteResolver mapSites;
    private final AtomicBoolean bound = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch streaming = new CountDownLatch(1);
    private volatile @Nullable RecordingStream stream;
    private volatile @Nullable PlatformThreadCounts
            platformThreads; // held here: the meters hold it weakly
    private volatile List<String> enabledEvents = List.of();
    private volatile List<String> missingEvents = List.of();

    private JfrMetrics(Builder builder) {
        this.lockThreshold = builder.lockThreshold;
        this.topN = builder.topN;
        this.maxTrackedThreads = builder.maxTrackedThreads;
        this.maxMaps = builder.maxMaps;
        this.mapMeters = builder.mapMeters;
        this.mapEvents = builder.mapEvents;
        this.extraHandlers = List.copyOf(builder.extraHandlers);
        this.log = builder.log;
        this.stackTraces = builder.stackTraces;
        this.mapSites = builder.mapSites;
    }

    /** A builder with the defaults: 10 ms threshold, top 20 classes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the meters and starts the JFR recording; when this returns, every event from now
     * on reaches the meters (a daemon thread reads the stream and feeds them, about once a
     * second). Platform thread counts come from the JVM and are registered even when JFR is not
     * available. Call once.
     *
     * <p>Cost: the first use of JFR in a JVM initialises it (about 0.25 to 0.5 s on a quiet
     * 2-core machine, JDK 17 and 25; see the agent's README); later streams start in milliseconds.
     *
     * @throws IllegalStateException if already bound (one stream per instance)
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (!bound.compareAndSet(false, true)) {
            throw new IllegalStateException(
                    "JfrMetrics is already bound: create one instance per registry");
        }
        // First, so that Prometheus collects `started` (which takes the reading) before the other
        // thread families.
        platformThreads =
                PlatformThreadCounts.register(registry, PlatformThreadCounts.Source.threadMXBean());
        Set<String> available;
        try {
            available = availableEventNames();
        } catch (RuntimeException | LinkageError unavailable) {
            log.warning(
                    "JFR is not available in this JVM ("
                            + MapwatchLog.describe(unavailable)
                            + "); JVM metrics from JFR are off",
                    unavailable);
            return;
        }
        List<String> missing =
                JDK_EVENTS.stream().filter(name -> !available.contains(name)).toList();
        if (!missing.isEmpty()) {
            // Expected on JDKs before 21 (no virtual-thread events): not worth more than a debug
            // line.
            log.debug(
                    "this JDK has no "
                            + String.join(", ", missing)
                            + "; the metrics from those events are off");
        }
        missingEvents = missing;
        List<JfrEventHandler> handlers =
                handlers(registry, available).stream()
                        .filter(handler -> isAvailable(handler.eventName(), available))
                        .toList();
        start(registry, handlers);
    }

    private List<JfrEventHandler> handlers(MeterRegistry registry, Set<String> available) {
        Set<ThreadKind> kinds = EnumSet.of(ThreadKind.PLATFORM);
        if (available.contains("jdk.VirtualThreadStart")
                && available.contains("jdk.VirtualThreadEnd")) {
            kinds.add(ThreadKind.VIRTUAL);
        }
        ThreadActivity threads = new ThreadActivity(registry, kinds, maxTrackedThreads);
        MapAttribution attribution = mapSites == null ? null : new MapAttribution(mapSites);
        MapTimers lockTimers = MapTimers.lockContention(registry, maxMaps);
        List<JfrEventHandler> handlers =
                new ArrayList<>(
                        List.of(
                                LockContentionHandler.monitorEnter(
                                        registry, lockThreshold, topN, attribution, lockTimers),
                                LockContentionHandler.threadPark(
                                        registry, lockThreshold, topN, attribution, lockTimers),
                                new AllocationSampleHandler(registry, topN),
                                ThreadLifecycleHandler.platformStart(threads),
                                ThreadLifecycleHandler.platformEnd(threads)));
        if (kinds.contains(ThreadKind.VIRTUAL)) {
            handlers.add(ThreadLifecycleHandler.virtualStart(threads));
            handlers.add(ThreadLifecycleHandler.virtualEnd(threads));
        }
        if (available.contains("jdk.VirtualThreadPinned")) {
            handlers.add(
                    new VirtualThreadPinnedHandler(
                            registry,
                            lockThreshold,
                            attribution,
                            attribution == null ? null : MapTimers.pinned(registry, maxMaps)));
        }
        if (mapEvents) {
            BoundedMapMeters budget =
                    mapMeters != null ? mapMeters : BoundedMapMeters.create(registry, maxMaps);
            handlers.add(new MapStatisticsHandler(budget, PERIOD, System::nanoTime));
            handlers.add(new MapPromotionHandler(registry, maxMaps));
            handlers.add(new MapLockWaitHandler(lockTimers, lockThreshold));
        }
        for (Function<MeterRegistry, JfrEventHandler> extra : extraHandlers) {
            handlers.add(extra.apply(registry));
        }
        return handlers;
    }

    private void start(MeterRegistry registry, List<JfrEventHandler> handlers) {
        Counter streamErrors = GuardedHandler.errorCounter(registry, STREAM_HANDLER);
        RecordingStream recording;
        RecordingStart start;
        List<String> enabled = new ArrayList<>();
        try {
            start = RecordingStart.prepare();
            recording = new RecordingStream();
            recording.setMaxAge(MAX_AGE);
            recording.setMaxSize(MAX_SIZE);
            for (JfrEventHandler handler : handlers) {
                try {
                    GuardedHandler guarded = new GuardedHandler(handler, registry, log);
                    EventSettings settings = recording.enable(handler.eventName());
                    handler.configure(settings);
                    if (STACK_EVENTS.contains(handler.eventName())
                            && (stackTraces || mapSites != null)) {
                        settings.withStackTrace();
                    }
                    recording.onEvent(handler.eventName(), guarded::accept);
                    recording.onFlush(guarded::onFlush);
                    enabled.add(handler.eventName());
                } catch (RuntimeException failure) {
                    streamErrors.increment();
                    log.warning(
                            "cannot enable "
                                    + handler.eventName()
                                    + " ("
                                    + MapwatchLog.describe(failure)
                                    + "); its metrics are off",
                            failure);
                }
            }
            if (stackTraces) {
                for (String recordedOnly : RECORDED_ONLY) {
                    recording.enable(recordedOnly).with("period", "everyChunk");
                }
            }
            recording.onFlush(streaming::countDown);
            AtomicBoolean errorLogged = new AtomicBoolean();
            recording.onError(
                    failure -> {
                        streamErrors.increment();
                        if (errorLogged.compareAndSet(false, true)) {
                            log.warning(
                                    "the JFR stream reported an error ("
                                            + MapwatchLog.describe(failure)
                                            + "); counted in"
                                            + " mapwatch_agent_errors_total{handler=\""
                                            + STREAM_HANDLER
                                            + "\"}, logged once",
                                    failure);
                        }
                    });
        } catch (RuntimeException | LinkageError unavailable) {
            streamErrors.increment();
            log.warning(
                    "cannot start a JFR stream ("
                            + MapwatchLog.describe(unavailable)
                            + "); JVM metrics from JFR are off",
                    unavailable);
            return;
        }
        enabledEvents = List.copyOf(enabled);
        stream = recording;
        // Not RecordingStream.startAsync(): its thread is not a daemon and would keep the JVM
        // alive.
        Thread thread = new Thread(() -> run(recording, streamErrors), STREAM_THREAD);
        thread.setDaemon(true);
        if (!start.startAndAwait(thread::start, RECORDING_START_WAIT)
                && !Thread.currentThread().isInterrupted()) {
            log.debug(
                    "the JFR recording was not seen running within "
                            + RECORDING_START_WAIT.toSeconds()
                            + " s of its start; what happened meanwhile may be missing");
        }
        if (closed.get()) {
            recording.close();
        }
    }

    private void run(RecordingStream recording, Counter streamErrors) {
        try {
            recording.start();
        } catch (RuntimeException failure) {
            if (!closed.get()) {
                streamErrors.increment();
                log.warning(
                        "the JFR stream stopped ("
                                + MapwatchLog.describe(failure)
                                + "); JVM metrics from JFR are frozen",
                        failure);
            }
        }
    }

    /** The event names enabled on the stream (empty before {@link #bindTo} or when JFR is unavailable). */
    public List<String> enabledEvents() {
        return enabledEvents;
    }

    /** The events mapwatch would use but the running JDK does not have (e.g. virtual threads before JDK 21). */
    public List<String> missingEvents() {
        return missingEvents;
    }

    /**
     * Waits until the stream has started and flushed once, so that what happens from now on is
     * recorded; false if that did not happen within {@code timeout} (or JFR is off).
     */
    public boolean awaitStreaming(Duration timeout) throws InterruptedException {
        return stream != null && streaming.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the stream; the meters keep their last values. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RecordingStream recording = stream;
            if (recording != null) {
                recording.close();
            }
        }
    }

    private static Set<String> availableEventNames() {
        if (!FlightRecorder.isAvailable()) {
            throw new IllegalStateException(
                    "FlightRecorder.isAvailable() is false, e.g. started with -XX:-FlightRecorder");
        }
        return FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** JDK events must exist here; mapwatch's are registered by the application whenever it first uses them. */
    private static boolean isAvailable(String eventName, Set<String> available) {
        return available.contains(eventName) || !eventName.startsWith("jdk.");
    }

    /** Settings of {@link JfrMetrics}. */
    public static final class Builder {
        private Duration lockThreshold = DEFAULT_LOCK_THRESHOLD;
        private int topN = DEFAULT_TOP_N;
        private int maxTrackedThreads = DEFAULT_MAX_TRACKED_THREADS;
        private int maxMaps = DEFAULT_MAX_MAPS;
        private @Nullable BoundedMapMeters mapMeters;
        private boolean mapEvents = true;
        private final List<Function<MeterRegistry, JfrEventHandler>> extraHandlers =
                new ArrayList<>();
        private MapwatchLog log = MapwatchLog.systemLogger();
        private boolean stackTraces;
        private @Nullable MapSiteResolver mapSites;

        private Builder() {}

        /**
         * Whether the recording keeps the stack traces of the contention, park, allocation and
         * pinning events ({@link #STACK_EVENTS}) and records {@code jdk.JVMInformation}, so that a
         * {@code jcmd JFR.dump} of it says where and on which JVM; off by default (the agent turns it
         * on). Cost: bench/RESULTS.md section 4. The depth is JFR's, JVM-wide ({@code
         * -XX:FlightRecorderOptions:stackdepth=}, 64 frames by default).
         */
        public Builder stackTraces(boolean enabled) {
            this.stackTraces = enabled;
            return this;
        }

        /**
         * Attributes waits on a map's internal lock ({@code jdk.JavaMonitorEnter}, {@code
         * jdk.ThreadPark} on a {@code ConcurrentHashMap} bin or {@code TreeBin}) and virtual-thread
         * pinning inside a map to the map called at the site their stack names ({@code
         * mapwatch.map.lock.contention{mode="write"}}, {@code mapwatch.map.pinned}). Turns on the
         * stack traces of those events.
         */
        public Builder mapSites(MapSiteResolver sites) {
            this.mapSites = Objects.requireNonNull(sites, "sites");
            return this;
        }

        /**
         * Where degradations and contained failures are said, one line each; by default the
         * {@link System.Logger} {@code dev.mapwatch.exporter} (the application's logging).
         */
        public Builder log(MapwatchLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Waits shorter than this are not recorded (monitor enter, park, pinning, map lock waits). */
        public Builder lockThreshold(Duration threshold) {
            if (threshold == null || threshold.isNegative()) {
                throw new IllegalArgumentException("lock threshold must be >= 0, got " + threshold);
            }
            this.lockThreshold = threshold;
            return this;
        }

        /** How many class names keep their own series per meter; the rest are {@code other}. */
        public Builder topN(int topN) {
            if (topN < 1) {
                throw new IllegalArgumentException("top-N must be >= 1, got " + topN);
            }
            this.topN = topN;
            return this;
        }

        /** The bound of the table pairing thread starts with ends; starts beyond it are counted, not timed. */
        public Builder maxTrackedThreads(int maxTrackedThreads) {
            if (maxTrackedThreads < 0) {
                throw new IllegalArgumentException(
                        "max tracked threads must be >= 0, got " + maxTrackedThreads);
            }
            this.maxTrackedThreads = maxTrackedThreads;
            return this;
        }

        /**
         * How many maps keep their own series (the busiest, by operations per minute, with
         * hysteresis); the others add up in {@code map="other"}.
         */
        public Builder maxMaps(int maxMaps) {
            if (maxMaps < 1) {
                throw new IllegalArgumentException("max maps must be >= 1, got " + maxMaps);
            }
            this.maxMaps = maxMaps;
            return this;
        }

        /**
         * Whether to export the maps' JFR events ({@code mapwatch.Map*}); on by default. Turn it
         * off in-process when {@link dev.mapwatch.exporter.maps.WatchedMapsMetrics} already
         * exports the same maps to the same registry (both use the same meter names).
         */
        public Builder mapEvents(boolean enabled) {
            this.mapEvents = enabled;
            return this;
        }

        /**
         * The series budget the maps' statistics go to, when other sources share it (the agent's
         * counted call sites); by default one of {@link #maxMaps} of its own.
         */
        public Builder mapMeters(BoundedMapMeters meters) {
            this.mapMeters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** Adds a handler of your own, created with the registry at {@link JfrMetrics#bindTo} time. */
        public Builder addHandler(Function<MeterRegistry, JfrEventHandler> handler) {
            extraHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        public JfrMetrics build() {
            return new JfrMetrics(this);
        }
    }
}
