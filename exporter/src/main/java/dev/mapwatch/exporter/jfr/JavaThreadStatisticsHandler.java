package dev.mapwatch.exporter.jfr;

import java.time.Duration;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/** {@code jdk.JavaThreadStatistics} (periodic): the live platform thread count, including threads older than the stream. */
final class JavaThreadStatisticsHandler implements JfrEventHandler {

    private final ThreadActivity activity;
    private final Duration period;

    JavaThreadStatisticsHandler(ThreadActivity activity, Duration period) {
        this.activity = activity;
        this.period = period;
    }

    @Override
    public String eventName() {
        return "jdk.JavaThreadStatistics";
    }

    @Override
    public void configure(EventSettings settings) {
        settings.withPeriod(period);
    }

    @Override
    public void accept(RecordedEvent event) {
        activity.platformLive(event.getLong("activeCount"));
    }
}
