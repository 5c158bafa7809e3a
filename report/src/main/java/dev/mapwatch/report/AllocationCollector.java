package dev.mapwatch.report;

import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Allocation by class and site. {@code jdk.ObjectAllocationSample} (JDK 16+, weight = bytes the
 * sample stands for) is preferred; recordings with only the older TLAB events use those
 * ({@code tlabSize} for a new TLAB, {@code allocationSize} outside TLABs). The two are never
 * added together: they describe the same allocations.
 */
final class AllocationCollector implements EventCollector {
    static final String SAMPLE = "jdk.ObjectAllocationSample";
    static final String IN_NEW_TLAB = "jdk.ObjectAllocationInNewTLAB";
    static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";

    private final BoundedTally sampledByClass = new BoundedTally();
    private final BoundedTally sampledBySite = new BoundedTally();
    private final BoundedTally tlabByClass = new BoundedTally();
    private final BoundedTally tlabBySite = new BoundedTally();

    @Override
    public Set<String> eventTypes() {
        return Set.of(SAMPLE, IN_NEW_TLAB, OUTSIDE_TLAB);
    }

    @Override
    public void accept(RecordedEvent event) {
        String type = event.getEventType().getName();
        String cls = Events.className(event, "objectClass");
        String site = Events.site(event);
        if (type.equals(SAMPLE)) {
            long weight = Events.longField(event, "weight");
            sampledByClass.add(cls, weight);
            sampledBySite.add(site, weight);
        } else {
            long weight =
                    Events.longField(
                            event, type.equals(IN_NEW_TLAB) ? "tlabSize" : "allocationSize");
            tlabByClass.add(cls, weight);
            tlabBySite.add(site, weight);
        }
    }

    AllocationReport result(int top) {
        Ranking sampled = sampledByClass.top(top);
        if (!sampled.isEmpty()) {
            return new AllocationReport(SAMPLE, sampled, sampledBySite.top(top));
        }
        Ranking tlab = tlabByClass.top(top);
        return tlab.isEmpty()
                ? new AllocationReport(null, Ranking.empty(), Ranking.empty())
                : new AllocationReport(IN_NEW_TLAB + "," + OUTSIDE_TLAB, tlab, tlabBySite.top(top));
    }
}
