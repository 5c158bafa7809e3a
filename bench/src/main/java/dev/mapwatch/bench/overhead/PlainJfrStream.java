package dev.mapwatch.bench.overhead;

import dev.mapwatch.maps.MapEventNames;
import dev.mapwatch.maps.MapWatchBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordingStream;

/**
 * A JFR {@link RecordingStream} with the agent's event settings (those of {@code JfrMetrics} with
 * its defaults: 10 ms lock threshold, allocation throttle 150/s, 1 s periods, no stack traces, 30 s
 * / 16 MiB retention) but none of its handlers, meters or HTTP server: started inside {@link
 * OverheadWorkload} to separate what JFR itself costs from what the agent adds on top.
 *
 * <p>Selected by the system property {@value #PROPERTY}: a comma-separated list of event names, or
 * {@code all}, with {@code -name} entries removing one (e.g. {@code all,-jdk.ThreadStart,-jdk.ThreadEnd}).
 * With {@value #CONSUME_PROPERTY}{@code =true} every enabled event also gets a handler that only
 * counts it, so the stream's parser materialises each event as the agent's handlers make it do;
 * with {@value #LATE_PROPERTY}{@code =true} the stream starts after the warm-up, not before the workload.
 */
final class PlainJfrStream {

    static final String PROPERTY = "mapwatch.bench.jfr";
    static final String CONSUME_PROPERTY = "mapwatch.bench.jfr.consume";

    /** Starts the stream after the warm-up (plus a second) instead of before the workload. */
    static final String LATE_PROPERTY = "mapwatch.bench.jfr.late";

    private static final Duration LOCK_THRESHOLD = MapWatchBuilder.DEFAULT_LOCK_WAIT_THRESHOLD;
    private static final Duration PERIOD = Duration.ofSeconds(1);

    /** The agent's events on JDK 17 and how it configures each (JfrMetrics and its handlers). */
    private static final Map<String, Consumer<EventSettings>> AGENT_SETTINGS =
            new LinkedHashMap<>();

    static {
        AGENT_SETTINGS.put(
                "jdk.JavaMonitorEnter", s -> s.withThreshold(LOCK_THRESHOLD).withoutStackTrace());
        AGENT_SETTINGS.put(
                "jdk.ThreadPark", s -> s.withThreshold(LOCK_THRESHOLD).withoutStackTrace());
        AGENT_SETTINGS.put(
                "jdk.ObjectAllocationSample", s -> s.with("throttle", "150/s").withoutStackTrace());
        AGENT_SETTINGS.put("jdk.ThreadStart", EventSettings::withoutStackTrace);
        AGENT_SETTINGS.put("jdk.ThreadEnd", EventSettings::withoutStackTrace);
        // jdk.JavaThreadStatistics is no longer used since issue 11 (platform thread counts come
        // from the
        // ThreadMXBean); RESULTS.md section 4 was measured with it, at a 1 s period.
        AGENT_SETTINGS.put(MapEventNames.STATISTICS, s -> s.withPeriod(PERIOD));
        AGENT_SETTINGS.put(
                MapEventNames.PROMOTION, s -> s.withThreshold(Duration.ZERO).withoutStackTrace());
        AGENT_SETTINGS.put(
                MapEventNames.LOCK_WAIT, s -> s.withThreshold(LOCK_THRESHOLD).withoutStackTrace());
    }

    private PlainJfrStream() {}

    /** Starts the stream the system properties ask for, or does nothing when {@value #PROPERTY} is unset. */
    static void startIfRequested() {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            return;
        }
        Map<String, Consumer<EventSettings>> selected = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String name = entry.trim();
            if (name.equals("all")) {
                selected.putAll(AGENT_SETTINGS);
            } else if (name.startsWith("-")) {
                selected.remove(name.substring(1));
            } else if (AGENT_SETTINGS.containsKey(name)) {
                selected.put(name, AGENT_SETTINGS.get(name));
            } else if (!name.equals("none")) {
                throw new IllegalArgumentException(
                        PROPERTY
                                + ": unknown event '"
                                + name
                                + "'; known: all, none, "
                                + String.join(", ", AGENT_SETTINGS.keySet()));
            }
        }
        boolean consume = Boolean.getBoolean(CONSUME_PROPERTY);
        LongAdder consumed = new LongAdder();
        RecordingStream stream = new RecordingStream();
        stream.setMaxAge(Duration.ofSeconds(30));
        stream.setMaxSize(16L * 1024 * 1024);
        selected.forEach(
                (name, settings) -> {
                    settings.accept(stream.enable(name));
                    if (consume) {
                        stream.onEvent(name, event -> consumed.increment());
                    }
                });
        // On a daemon thread, as the agent runs its stream (startAsync's thread would keep the JVM
        // alive).
        Thread thread = new Thread(stream::start, "plain-jfr-stream");
        thread.setDaemon(true);
        thread.start();
        System.err.println(
                "plain JFR stream: " + selected.keySet() + (consume ? " (counting handlers)" : ""));
    }
}
