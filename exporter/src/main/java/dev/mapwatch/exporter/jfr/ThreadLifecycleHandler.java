package dev.mapwatch.exporter.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * One of the four thread start/end events, fed into {@link ThreadActivity}. Platform threads come
 * from {@code jdk.ThreadStart}/{@code jdk.ThreadEnd} (their {@code thread} field; a virtual thread
 * reported there is skipped, the virtual events count it); virtual threads from {@code
 * jdk.VirtualThreadStart}/{@code jdk.VirtualThreadEnd} (their {@code javaThreadId} field), which
 * JFR leaves off by default and mapwatch enables.
 */
final class ThreadLifecycleHandler implements JfrEventHandler {

    private enum Phase {
        START,
        END
    }

    private final String eventName;
    private final ThreadKind kind;
    private final Phase phase;
    private final ThreadActivity activity;

    private ThreadLifecycleHandler(
            String eventName, ThreadKind kind, Phase phase, ThreadActivity activity) {
        this.eventName = eventName;
        this.kind = kind;
        this.phase = phase;
        this.activity = activity;
    }

    static ThreadLifecycleHandler platformStart(ThreadActivity activity) {
        return new ThreadLifecycleHandler(
                "jdk.ThreadStart", ThreadKind.PLATFORM, Phase.START, activity);
    }

    static ThreadLifecycleHandler platformEnd(ThreadActivity activity) {
        return new ThreadLifecycleHandler(
                "jdk.ThreadEnd", ThreadKind.PLATFORM, Phase.END, activity);
    }

    static ThreadLifecycleHandler virtualStart(ThreadActivity activity) {
        return new ThreadLifecycleHandler(
                "jdk.VirtualThreadStart", ThreadKind.VIRTUAL, Phase.START, activity);
    }

    static ThreadLifecycleHandler virtualEnd(ThreadActivity activity) {
        return new ThreadLifecycleHandler(
                "jdk.VirtualThreadEnd", ThreadKind.VIRTUAL, Phase.END, activity);
    }

    @Override
    public String eventName() {
        return eventName;
    }

    @Override
    public void accept(RecordedEvent event) {
        long threadId;
        if (kind == ThreadKind.VIRTUAL) {
            threadId = event.getLong("javaThreadId");
        } else {
            RecordedThread thread = event.getThread("thread");
            if (thread == null || RecordedThreads.isVirtual(thread)) {
                return;
            }
            threadId = thread.getJavaThreadId();
        }
        if (phase == Phase.START) {
            activity.started(kind, threadId, event.getStartTime());
        } else {
            activity.ended(kind, threadId, event.getStartTime());
        }
    }
}
