package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.labels.ClassNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code jdk.ObjectAllocationSample}: bytes allocated by class, from each sample's weight (the bytes
 * allocated since the thread's previous sample, so sums estimate the true total). Classes are
 * bounded: the top N by bytes keep their own series; generated classes (lambdas, proxies) are
 * named as {@link ClassNames#stable} says, the same in every run.
 */
final class AllocationSampleHandler implements JfrEventHandler {

    static final String NAME = "mapwatch.allocation";

    /** JFR's own default in the {@code default} profile: cheap enough to leave on. */
    static final String THROTTLE = "150/s";

    private final MeterRegistry registry;
    private final BoundedLabelMeters<Counter> counters;

    AllocationSampleHandler(MeterRegistry registry, int topN) {
        this.registry = registry;
        this.counters = new BoundedLabelMeters<>(registry, topN);
    }

    @Override
    public String eventName() {
        return "jdk.ObjectAllocationSample";
    }

    @Override
    public void configure(EventSettings settings) {
        settings.with("throttle", THROTTLE).withoutStackTrace();
    }

    @Override
    public void accept(RecordedEvent event) {
        RecordedClass objectClass = event.getClass("objectClass");
        String className =
                objectClass == null ? "unknown" : ClassNames.stable(objectClass.getName());
        long weight = event.getLong("weight");
        counters.meterFor(className, weight, this::counter).increment(weight);
    }

    private Counter counter(String classLabel) {
        return Counter.builder(NAME)
                .tag("class", classLabel)
                .baseUnit("bytes")
                .description("Bytes allocated, estimated from JFR allocation samples, by class")
                .register(registry);
    }
}
