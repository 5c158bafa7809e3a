package dev.mapwatch.report;

import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/** Virtual threads pinned to their carrier while blocked ({@code jdk.VirtualThreadPinned}, JDK 21+). */
final class PinningCollector implements EventCollector {
    static final String PINNED = "jdk.VirtualThreadPinned";

    private final BoundedTally bySite = new BoundedTally();

    @Override
    public Set<String> eventTypes() {
        return Set.of(PINNED);
    }

    @Override
    public void accept(RecordedEvent event) {
        bySite.add(Events.site(event), event.getDuration().toNanos());
    }

    Ranking result(int top) {
        return bySite.top(top);
    }
}
