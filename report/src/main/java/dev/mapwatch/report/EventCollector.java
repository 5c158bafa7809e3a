package dev.mapwatch.report;

import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/** One part of the analysis: the event types it reads and what it does with each event. */
interface EventCollector {
    /** Names of the event types this collector wants, e.g. {@code jdk.ThreadStart}. */
    Set<String> eventTypes();

    /** Folds one event into the aggregate; called once per event, in time order per chunk. */
    void accept(RecordedEvent event);
}
