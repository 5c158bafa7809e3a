package dev.mapwatch.exporter.jfr;

import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Turns one kind of JFR event into meters. {@link JfrMetrics} enables the event on its stream with
 * {@link #configure(EventSettings)} and calls {@link #accept(RecordedEvent)} for every event, on the
 * stream's thread; an exception thrown here is contained, counted and logged once.
 */
public interface JfrEventHandler {

    /** The JFR event name, e.g. {@code jdk.JavaMonitorEnter}. */
    String eventName();

    /**
     * Sets how the event is recorded: threshold, period, stack traces. The default records no
     * stack traces, because no handler of mapwatch uses them and they are the costly part.
     */
    default void configure(EventSettings settings) {
        settings.withoutStackTrace();
    }

    /** Handles one event. */
    void accept(RecordedEvent event);

    /**
     * Called after the events of one stream flush (about every second) were handed over, for
     * handlers that publish per batch of events. Does nothing unless overridden.
     */
    default void onFlush() {}
}
