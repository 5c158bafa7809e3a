package dev.mapwatch.bpf.output;

import dev.mapwatch.bpf.output.BpftraceEvent.AttachedProbes;
import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import dev.mapwatch.bpf.output.BpftraceEvent.HistPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.LostEvents;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.Printf;
import dev.mapwatch.bpf.output.BpftraceEvent.Unrecognized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads bpftrace's {@code -f json} output line by line. Never throws: anything it cannot read
 * becomes an {@link Unrecognized} event the runner counts. A key printed twice in one map
 * (bpftrace does that when keys differ only in bytes after a string's terminator) has its
 * values added.
 */
public final class BpftraceOutputParser {

    private BpftraceOutputParser() {}

    /** The event on {@code line}; empty for a blank line (bpftrace prints some). */
    public static Optional<BpftraceEvent> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(event(Json.parse(line), line));
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.of(
                    new Unrecognized(line, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static BpftraceEvent event(@Nullable Object json, String line) {
        if (!(json instanceof Map<?, ?> root) || !(root.get("type") instanceof String type)) {
            return new Unrecognized(line, "not an object with a \"type\"");
        }
        Object data = root.get("data");
        switch (type) {
            case "map":
                return mapPrint(asObject(data), line);
            case "hist":
                return histPrint(asObject(data), line);
            case "printf":
                return data instanceof String text
                        ? new Printf(text)
                        : new Unrecognized(line, "printf without text");
            case "attached_probes":
                return new AttachedProbes(asLong(asObject(data).get("probes")));
            case "lost_events":
                return new LostEvents(asLong(asObject(data).get("events")));
            default:
                return new Unrecognized(line, "unknown type \"" + type + "\"");
        }
    }

    private static BpftraceEvent mapPrint(Map<?, ?> data, String line) {
        return onlyMap(
                data,
                line,
                "map",
                BpftraceOutputParser::sum,
                BpftraceOutputParser::asLong,
                MapPrint::new);
    }

    private static BpftraceEvent histPrint(Map<?, ?> data, String line) {
        return onlyMap(
                data,
                line,
                "hist",
                BpftraceOutputParser::mergedBuckets,
                BpftraceOutputParser::buckets,
                HistPrint::new);
    }

    /**
     * The one map of a print: {@code {"@name": {"key": V, ...}}}, or {@code {"@name": V}} for a map
     * without keys (key ""). {@code keyedValue} also reads keys printed twice.
     */
    private static <V> BpftraceEvent onlyMap(
            Map<?, ?> data,
            String line,
            String kind,
            Function<Object, V> keyedValue,
            Function<Object, V> plainValue,
            BiFunction<String, Map<String, V>, BpftraceEvent> event) {
        if (data.size() != 1) {
            return new Unrecognized(line, kind + " print with " + data.size() + " maps");
        }
        Map.Entry<?, ?> only = data.entrySet().iterator().next();
        Map<String, V> values = new LinkedHashMap<>();
        if (only.getValue() instanceof Map<?, ?> keyed) {
            for (Map.Entry<?, ?> e : keyed.entrySet()) {
                values.put((String) e.getKey(), keyedValue.apply(e.getValue()));
            }
        } else {
            values.put("", plainValue.apply(only.getValue()));
        }
        return event.apply((String) only.getKey(), values);
    }

    private static long sum(Object value) {
        if (value instanceof Json.Duplicates duplicates) {
            long total = 0;
            for (Object v : duplicates.values()) {
                total += asLong(v);
            }
            return total;
        }
        return asLong(value);
    }

    private static List<HistBucket> mergedBuckets(Object value) {
        if (!(value instanceof Json.Duplicates duplicates)) {
            return buckets(value);
        }
        Map<Long, HistBucket> byMax = new java.util.TreeMap<>();
        for (Object v : duplicates.values()) {
            for (HistBucket b : buckets(v)) {
                byMax.merge(
                        b.max(),
                        b,
                        (x, y) -> new HistBucket(x.min(), x.max(), x.count() + y.count()));
            }
        }
        return List.copyOf(byMax.values());
    }

    private static List<HistBucket> buckets(Object value) {
        List<HistBucket> buckets = new ArrayList<>();
        for (Object o : (List<?>) value) {
            Map<?, ?> bucket = asObject(o);
            long max = asLong(bucket.get("max"));
            long min = bucket.containsKey("min") ? asLong(bucket.get("min")) : Long.MIN_VALUE;
            buckets.add(new HistBucket(min, max, asLong(bucket.get("count"))));
        }
        return List.copyOf(buckets);
    }

    private static Map<?, ?> asObject(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("expected an object, got " + describe(value));
    }

    private static long asLong(@Nullable Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("expected an integer, got " + describe(value));
    }

    private static String describe(@Nullable Object value) {
        return value == null
                ? "null"
                : value instanceof Json.Duplicates ? "a repeated key" : value.toString();
    }
}
