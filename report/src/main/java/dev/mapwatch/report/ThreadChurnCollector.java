package dev.mapwatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Thread churn from {@code jdk.ThreadStart/End} (platform threads),
 * {@code jdk.VirtualThreadStart/End} (JDK 21+) and the live-thread samples of
 * {@code jdk.JavaThreadStatistics}. Events may arrive out of time order; see {@link LiveCount}.
 *
 * <p>Lifetimes are known for threads both started and ended during the recording; the start (or
 * end, whichever arrives first) waits in a bounded map ({@value #PENDING} threads per kind,
 * eldest forgotten first). Live platform threads are anchored on the first statistics sample
 * (threads alive then, minus the starts and ends before it); virtual threads have no such sample,
 * so their live count covers the ones started during the recording.
 */
final class ThreadChurnCollector implements EventCollector {
    static final String THREAD_START = "jdk.ThreadStart";
    static final String THREAD_END = "jdk.ThreadEnd";
    static final String VIRTUAL_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_END = "jdk.VirtualThreadEnd";
    static final String STATISTICS = "jdk.JavaThreadStatistics";

    /** Threads per kind whose start (or end) waits for the other event. */
    static final int PENDING = 100_000;

    /** Counts and lifetimes of one kind of thread. */
    private final class Kind {
        final Map<Long, Long> pendingStarts = bounded();
        final Map<Long, Long> pendingEnds = bounded();
        final BoundedTally startedByName = new BoundedTally(1_000);
        final LiveCount live = new LiveCount(spanStart, spanNanos);
        long started;
        long ended;
        long lifetimes;
        long lifetimeNanos;
        long shortLived;

        void start(long id, long atNanos, String name) {
            started++;
            live.change(atNanos, 1);
            startedByName.add(namePattern(name), 1);
            Long end = pendingEnds.remove(id);
            if (end == null) {
                pendingStarts.put(id, atNanos);
            } else {
                lifetime(end - atNanos);
            }
        }

        void end(long id, long atNanos) {
            ended++;
            live.change(atNanos, -1);
            Long start = pendingStarts.remove(id);
            if (start == null) {
                pendingEnds.put(id, atNanos);
            } else {
                lifetime(atNanos - start);
            }
        }

        private void lifetime(long nanos) {
            lifetimes++;
            lifetimeNanos += Math.max(0, nanos);
            if (nanos < shortLivedNanos) {
                shortLived++;
            }
        }

        ThreadKindReport result(Long peakLive, List<TimePoint> timeline, int top) {
            return new ThreadKindReport(
                    started,
                    ended,
                    peakLive,
                    lifetimes,
                    shortLived,
                    lifetimes == 0 ? Duration.ZERO : Duration.ofNanos(lifetimeNanos / lifetimes),
                    startedByName.top(top),
                    timeline);
        }
    }

    private final Duration shortLived;
    private final long shortLivedNanos;
    private final long spanStart;
    private final long spanNanos;
    private final Kind platform;
    private final Kind virtual;
    private final Timeline sampledActive = Timeline.keepingMax(Timeline.DEFAULT_CAPACITY);

    /** The JVM's own live-thread samples ({@code jdk.JavaThreadStatistics}), in arrival order. */
    private final List<LiveCount.Sample> samples = new ArrayList<>();

    private long maxSampledActive = -1;

    ThreadChurnCollector(Duration shortLived, RecordingSpan span) {
        this.shortLived = shortLived;
        this.shortLivedNanos = shortLived.toNanos();
        this.spanStart = Events.epochNanos(span.start());
        this.spanNanos = span.duration().toNanos();
        this.platform = new Kind();
        this.virtual = new Kind();
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(THREAD_START, THREAD_END, VIRTUAL_START, VIRTUAL_END, STATISTICS);
    }

    @Override
    public void accept(RecordedEvent event) {
        long at = Events.epochNanos(event.getStartTime());
        switch (event.getEventType().getName()) {
            case THREAD_START -> {
                RecordedThread t = event.getThread("thread");
                platform.start(threadId(t), at, t == null ? null : t.getJavaName());
            }
            case THREAD_END -> platform.end(threadId(event.getThread("thread")), at);
            case VIRTUAL_START -> {
                RecordedThread t = event.getThread();
                virtual.start(
                        Events.longField(event, "javaThreadId"),
                        at,
                        t == null ? null : t.getJavaName());
            }
            case VIRTUAL_END -> virtual.end(Events.longField(event, "javaThreadId"), at);
            default -> {
                long active = Events.longField(event, "activeCount");
                maxSampledActive = Math.max(maxSampledActive, active);
                samples.add(new LiveCount.Sample(at, active));
                sampledActive.add(at / 1_000_000, active);
            }
        }
    }

    private static long threadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    /** Thread names with their numbers replaced by {@code #}: {@code pool-3-thread-17} -> {@code pool-#-thread-#}. */
    static String namePattern(String name) {
        return name == null || name.isEmpty() ? "(unnamed)" : name.replaceAll("[0-9]+", "#");
    }

    ThreadReport result(int top) {
        ThreadKindReport platformReport;
        if (maxSampledActive < 0) {
            // No statistics samples: how many threads were alive before the first start is unknown.
            platformReport = platform.result(null, List.of(), top);
        } else if (platform.live.isEmpty()) {
            platformReport = platform.result(maxSampledActive, sampledActive.points(), top);
        } else {
            long baseline = platform.live.baseline(samples);
            platformReport =
                    platform.result(
                            Math.max(maxSampledActive, platform.live.peak(baseline)),
                            platform.live.timeline(baseline),
                            top);
        }
        ThreadKindReport virtualReport =
                virtual.live.isEmpty()
                        ? virtual.result(null, List.of(), top)
                        : virtual.result(virtual.live.peak(0), virtual.live.timeline(0), top);
        return new ThreadReport(shortLived, platformReport, virtualReport);
    }

    private static Map<Long, Long> bounded() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > PENDING;
            }
        };
    }
}
