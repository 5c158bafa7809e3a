package dev.mapwatch.bpf.output;

import java.util.List;
import java.util.Map;

/**
 * One line of bpftrace's {@code -f json} output (NDJSON), as read by {@link BpftraceOutputParser}.
 * Map keys are bpftrace's printed keys: a multi-key map joins its keys with commas, and a map
 * without keys uses the empty key {@code ""}.
 */
public sealed interface BpftraceEvent {

    /** {@code {"type": "map", ...}}: a printed map of integers (count, sum, min, max, plain). */
    record MapPrint(String map, Map<String, Long> values) implements BpftraceEvent {
        public MapPrint {
            values = Map.copyOf(values);
        }
    }

    /** {@code {"type": "hist", ...}}: a printed power-of-two histogram, per key. */
    record HistPrint(String map, Map<String, List<HistBucket>> histograms)
            implements BpftraceEvent {
        public HistPrint {
            histograms = Map.copyOf(histograms);
        }
    }

    /** {@code {"type": "printf", "data": "..."}}: text the script printed. */
    record Printf(String text) implements BpftraceEvent {}

    /** {@code {"type": "attached_probes", "data": {"probes": N}}}. */
    record AttachedProbes(long probes) implements BpftraceEvent {}

    /** {@code {"type": "lost_events", "data": {"events": N}}}: the perf buffer overflowed. */
    record LostEvents(long events) implements BpftraceEvent {}

    /** A line that is not JSON, or JSON of a shape this runner does not know. */
    record Unrecognized(String line, String reason) implements BpftraceEvent {}

    /**
     * One bucket of a bpftrace {@code hist()}: values in {@code [min, max]} (integers), or below
     * zero when {@code min} is absent.
     */
    record HistBucket(long min, long max, long count) {}
}
