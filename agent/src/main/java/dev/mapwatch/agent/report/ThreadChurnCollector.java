package dev.mapwatch.agent.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Thread churn from {@code jdk.ThreadStart/End} (platform threads),
 * {@code jdk.VirtualThreadStart/End} (JDK 21+) and the live-thread samples of
 * {@code jdk.JavaThreadStatistics}.
 *
 * <p>Lifetimes are known only for threads started during the recording; start times are kept in
 * a bounded map ({@value #TRACKED_STARTS} threads per kind, oldest forgotten first), so a thread
 * whose start was forgotten counts as ended but not in the lifetime figures. The peak of live
 * platform threads anchors the running "started minus ended" on the first statistics sample;
 * virtual threads have no such sample, so their live count covers those started during the
 * recording.
 */
final class ThreadChurnCollector implements EventCollector {
    static final String THREAD_START = "jdk.ThreadStart";
    static final String THREAD_END = "jdk.ThreadEnd";
    static final String VIRTUAL_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_END = "jdk.VirtualThreadEnd";
    static final String STATISTICS = "jdk.JavaThreadStatistics";
    /** Start times remembered per thread kind. */
    static final int TRACKED_STARTS = 100_000;

    /** Counts and lifetimes of one kind of thread. */
    private static final class Kind {
        final Map<Long, Long> startNanos = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > TRACKED_STARTS;
            }
        };
        final BoundedTally startedByName = new BoundedTally(1_000);
        final Timeline live = Timeline.keepingMax(Timeline.DEFAULT_CAPACITY);
        long started;
        long ended;
        long net;
        long maxNet;
        long lifetimes;
        long lifetimeNanos;
        long shortLived;

        void start(long id, long atNanos, String name) {
            started++;
            net++;
            maxNet = Math.max(maxNet, net);
            startNanos.put(id, atNanos);
            startedByName.add(namePattern(name), 1);
        }

        void end(long id, long atNanos, long shortLivedNanos) {
            ended++;
            net--;
            Long start = startNanos.remove(id);
            if (start != null) {
                long lifetime = Math.max(0, atNanos - start);
                lifetimes++;
                lifetimeNanos += lifetime;
                if (lifetime < shortLivedNanos) {
                    shortLived++;
                }
            }
        }

        ThreadKindReport result(Long peakLive, int top) {
            return new ThreadKindReport(started, ended, peakLive, lifetimes, shortLived,
                    lifetimes == 0 ? Duration.ZERO : Duration.ofNanos(lifetimeNanos / lifetimes),
                    startedByName.top(top), live.points());
        }
    }

    private final Duration shortLived;
    private final Kind platform = new Kind();
    private final Kind virtual = new Kind();
    /** Live platform threads at the recording's start, known from the first statistics sample. */
    private Long platformBaseline;
    private long maxSampledActive = -1;

    ThreadChurnCollector(Duration shortLived) {
        this.shortLived = shortLived;
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
                platformLivePoint(event);
            }
            case THREAD_END -> {
                platform.end(threadId(event.getThread("thread")), at, shortLived.toNanos());
                platformLivePoint(event);
            }
            case VIRTUAL_START -> {
                RecordedThread t = event.getThread();
                virtual.start(Events.longField(event, "javaThreadId"), at, t == null ? null : t.getJavaName());
                virtual.live.add(at / 1_000_000, virtual.net);
            }
            case VIRTUAL_END -> {
                virtual.end(Events.longField(event, "javaThreadId"), at, shortLived.toNanos());
                virtual.live.add(at / 1_000_000, virtual.net);
            }
            default -> {
                long active = Events.longField(event, "activeCount");
                maxSampledActive = Math.max(maxSampledActive, active);
                if (platformBaseline == null) {
                    platformBaseline = active - platform.net;
                }
                platform.live.add(at / 1_000_000, active);
            }
        }
    }

    private void platformLivePoint(RecordedEvent event) {
        if (platformBaseline != null) {
            platform.live.add(Events.epochNanos(event.getStartTime()) / 1_000_000, platformBaseline + platform.net);
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
        Long platformPeak = null;
        if (platformBaseline != null) {
            platformPeak = Math.max(maxSampledActive, platformBaseline + platform.maxNet);
        }
        Long virtualPeak = virtual.started == 0 ? null : virtual.maxNet;
        return new ThreadReport(shortLived, platform.result(platformPeak, top), virtual.result(virtualPeak, top));
    }
}
