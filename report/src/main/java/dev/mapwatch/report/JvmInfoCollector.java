package dev.mapwatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/** The JVM the recording came from ({@code jdk.JVMInformation}, once per chunk; the first wins). */
final class JvmInfoCollector implements EventCollector {
    static final String JVM_INFORMATION = "jdk.JVMInformation";

    private RecordedEvent first;

    @Override
    public Set<String> eventTypes() {
        return Set.of(JVM_INFORMATION);
    }

    @Override
    public void accept(RecordedEvent event) {
        if (first == null) {
            first = event;
        }
    }

    RecordingInfo result(String file, RecordingSpan span, long events) {
        Duration duration = span.duration();
        if (first == null) {
            return new RecordingInfo(
                    file,
                    span.bytes(),
                    span.chunks(),
                    span.start(),
                    duration,
                    events,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Instant jvmStart = first.hasField("jvmStartTime") ? first.getInstant("jvmStartTime") : null;
        return new RecordingInfo(
                file,
                span.bytes(),
                span.chunks(),
                span.start(),
                duration,
                events,
                Events.stringField(first, "jvmName", null),
                Events.stringField(first, "jvmVersion", null),
                Events.stringField(first, "javaArguments", null),
                Events.stringField(first, "jvmArguments", null),
                first.hasField("pid") ? first.getLong("pid") : null,
                jvmStart);
    }
}
