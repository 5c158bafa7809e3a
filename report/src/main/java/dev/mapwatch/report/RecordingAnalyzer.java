package dev.mapwatch.report;

import dev.mapwatch.report.advice.AdviceRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR file one event at a time ({@link RecordingFile}) into bounded aggregates, and
 * builds the {@link Report}. Memory does not grow with the number of events, only with the
 * (capped) number of distinct classes, sites, pending threads and maps.
 *
 * <p>{@link RecordingFile} rather than {@code EventStream.openFile}: the stream sorts events but
 * ends silently at corrupt data, which would turn a damaged file into a plausible, wrong report;
 * the aggregates here do not depend on global time order (see {@link LiveCount}; a map's
 * statistics come from one thread, so they are in order).
 */
public final class RecordingAnalyzer {
    /** A thread that lived less than this is short-lived. */
    public static final Duration SHORT_LIVED = Duration.ofSeconds(1);

    private final int top;
    private final AdviceRules rules;

    private RecordingAnalyzer(int top, AdviceRules rules) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1: " + top);
        }
        this.top = top;
        this.rules = rules;
    }

    /** An analyzer keeping the {@code top} heaviest entries per ranking, with the default advice rules. */
    public static RecordingAnalyzer withTop(int top) {
        return new RecordingAnalyzer(top, AdviceRules.defaults());
    }

    /** Analyzes {@code file} without progress display. */
    public Report analyze(Path file) throws UnreadableRecordingException {
        return analyze(file, span -> Progress.none());
    }

    /**
     * Analyzes {@code file}.
     *
     * @param progressFor the progress display, given the recording's time range
     * @throws UnreadableRecordingException when the file is not a complete, readable JFR recording
     */
    Report analyze(Path file, Function<RecordingSpan, Progress> progressFor)
            throws UnreadableRecordingException {
        RecordingSpan span = RecordingSpan.of(file);
        JvmInfoCollector jvm = new JvmInfoCollector();
        ContentionCollector contention = new ContentionCollector();
        AllocationCollector allocation = new AllocationCollector();
        ThreadChurnCollector threads = new ThreadChurnCollector(SHORT_LIVED, span);
        PinningCollector pinning = new PinningCollector();
        MapHealthCollector maps = new MapHealthCollector();
        MapContentionCollector mapContention = new MapContentionCollector();
        Map<String, List<EventCollector>> byType = new HashMap<>();
        for (EventCollector c :
                List.of(jvm, contention, mapContention, allocation, threads, pinning, maps)) {
            c.eventTypes()
                    .forEach(type -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(c));
        }
        long events = read(file, byType, progressFor.apply(span));
        List<MapHealth> mapHealth = maps.result();
        MapContentionReport byMap = mapContention.result(top);
        return new Report(
                jvm.result(file.toString(), span, events),
                top,
                contention.result(top, byMap),
                allocation.result(top),
                threads.result(top),
                pinning.result(top),
                mapHealth,
                rules.adviseAll(mapHealth, byMap.maps()));
    }

    private static long read(Path file, Map<String, List<EventCollector>> byType, Progress progress)
            throws UnreadableRecordingException {
        long events = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                events++;
                progress.event(event.getStartTime());
                List<EventCollector> collectors = byType.get(event.getEventType().getName());
                if (collectors != null) {
                    for (EventCollector collector : collectors) {
                        collector.accept(event);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The JDK's parser reports corrupt data as IOException or, for some inconsistencies, as
            // a runtime exception; either way the file cannot be trusted.
            throw new UnreadableRecordingException("corrupt: " + describe(e), e);
        } finally {
            progress.done();
        }
        return events;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
