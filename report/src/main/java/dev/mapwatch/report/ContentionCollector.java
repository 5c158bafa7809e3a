package dev.mapwatch.report;

import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/** Lock contention: monitor enters ({@code jdk.JavaMonitorEnter}) and parks ({@code jdk.ThreadPark}). */
final class ContentionCollector implements EventCollector {
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String THREAD_PARK = "jdk.ThreadPark";

    private final BoundedTally monitorByClass = new BoundedTally();
    private final BoundedTally monitorBySite = new BoundedTally();
    private final BoundedTally parkByClass = new BoundedTally();
    private final BoundedTally parkBySite = new BoundedTally();

    @Override
    public Set<String> eventTypes() {
        return Set.of(MONITOR_ENTER, THREAD_PARK);
    }

    @Override
    public void accept(RecordedEvent event) {
        long nanos = event.getDuration().toNanos();
        if (event.getEventType().getName().equals(MONITOR_ENTER)) {
            monitorByClass.add(Events.className(event, "monitorClass"), nanos);
            monitorBySite.add(Events.site(event), nanos);
        } else {
            parkByClass.add(Events.className(event, "parkedClass"), nanos);
            parkBySite.add(Events.site(event), nanos);
        }
    }

    ContentionReport result(int top, MapContentionReport byMap) {
        return new ContentionReport(
                monitorByClass.top(top),
                monitorBySite.top(top),
                parkByClass.top(top),
                parkBySite.top(top),
                byMap);
    }
}
