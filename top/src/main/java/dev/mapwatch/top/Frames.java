package dev.mapwatch.top;

import dev.mapwatch.top.Frame.Allocation;
import dev.mapwatch.top.Frame.ClassRate;
import dev.mapwatch.top.Frame.Header;
import dev.mapwatch.top.Frame.LockRow;
import dev.mapwatch.top.Frame.MapRow;
import dev.mapwatch.top.Frame.Threads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Computes a {@link Frame} from an {@link Interval} of the agent's families (docs/metrics.md).
 * Families the agent does not export in this JVM (virtual threads before JDK 21, compute timing
 * before the agent has it) become {@code NaN}, never zero. Cost: linear in the number of series.
 */
public final class Frames {

    static final String LOOKUPS = "mapwatch_map_lookups_total";
    static final String PUTS = "mapwatch_map_puts_total";
    static final String REMOVALS = "mapwatch_map_removals_total";
    static final String SIZE = "mapwatch_map_size";
    static final String COUNTING = "mapwatch_map_counting";
    static final String MAP_WAITS = "mapwatch_map_lock_waits_total";
    static final String MAP_WAIT_SECONDS = "mapwatch_map_lock_wait_seconds_total";
    static final String MAP_CONTENTION = "mapwatch_map_lock_contention_seconds";
    static final String MAP_COMPUTE = "mapwatch_map_compute_seconds";
    static final String CONTENTION = "mapwatch_lock_contention_seconds";
    static final String LIVE = "mapwatch_threads_live";
    static final String STARTED = "mapwatch_threads_started_total";
    static final String ENDED = "mapwatch_threads_ended_total";
    static final String LIFETIME = "mapwatch_thread_lifetime_seconds";
    static final String PINNED = "mapwatch_virtual_thread_pinned_seconds";
    static final String ALLOCATION = "mapwatch_allocation_bytes_total";

    /** Classes listed under allocation. */
    static final int TOP_ALLOCATING = 5;

    /** Threads that lived less than this are short-lived (a bucket bound of the lifetime histogram). */
    static final double SHORT_LIVED_SECONDS = 1.0;

    private Frames() {}

    /** The frame of {@code interval}; {@code header} is complete but for the counting mode, filled in here. */
    public static Frame of(Interval interval, Header header) {
        List<MapRow> maps = maps(interval);
        TreeSet<String> counting = new TreeSet<>();
        maps.forEach(
                row -> {
                    if (!row.counting().isEmpty()) {
                        counting.add(row.counting());
                    }
                });
        Header withCounting =
                new Header(
                        header.target(),
                        header.pid(),
                        header.jdk(),
                        header.jvmUptimeSeconds(),
                        header.agentVersion(),
                        header.agentUptimeSeconds(),
                        header.status(),
                        header.jfr(),
                        counting.isEmpty() ? header.counting() : String.join("+", counting),
                        header.agentErrors(),
                        interval.seconds(),
                        header.viewSeconds());
        return new Frame(
                withCounting, maps, locks(interval), threads(interval), allocation(interval));
    }

    static List<MapRow> maps(Interval interval) {
        Samples now = interval.now();
        double seconds = interval.seconds();
        List<MapRow> rows = new ArrayList<>();
        for (Sample size : now.named(SIZE)) {
            Map<String, String> map =
                    Map.of("map", size.label("map"), "strategy", size.label("strategy"));
            double lookups = interval.increase(LOOKUPS, map);
            double hits = interval.increase(LOOKUPS, with(map, "result", "hit"));
            double ops = lookups + interval.increase(PUTS, map) + interval.increase(REMOVALS, map);
            // Every wait the map counts itself, or the JFR waits above the threshold named to it,
            // whichever saw more (a ConcurrentHashMap's bin locks only have the latter).
            double waits =
                    Math.max(
                            interval.increase(MAP_WAITS, map),
                            interval.increase(MAP_CONTENTION + "_count", map));
            double waited =
                    Math.max(
                            interval.increase(MAP_WAIT_SECONDS, map),
                            interval.increase(MAP_CONTENTION + "_sum", map));
            boolean computes = now.has(MAP_COMPUTE + "_count");
            String counting =
                    now.named(COUNTING).stream()
                            .filter(s -> s.labels().entrySet().containsAll(map.entrySet()))
                            .map(s -> s.label("counting"))
                            .findFirst()
                            .orElse("");
            rows.add(
                    new MapRow(
                            map.get("map"),
                            map.get("strategy"),
                            counting,
                            ops / seconds,
                            lookups == 0 ? Double.NaN : hits / lookups,
                            size.value(),
                            waits / seconds,
                            waited / seconds,
                            computes ? max(now, MAP_COMPUTE + "_max", map) : Double.NaN,
                            computes
                                    ? interval.increase(MAP_COMPUTE + "_count", map) / seconds
                                    : Double.NaN));
        }
        return rows;
    }

    static List<LockRow> locks(Interval interval) {
        List<LockRow> rows = new ArrayList<>();
        double seconds = interval.seconds();
        for (Sample count : interval.now().named(MAP_CONTENTION + "_count")) {
            double waits = interval.increase(count);
            if (waits > 0) {
                rows.add(
                        new LockRow(
                                count.label("map"),
                                count.label("mode"),
                                true,
                                waits / seconds,
                                interval.increase(MAP_CONTENTION + "_sum", count.labels())
                                        / seconds,
                                interval.now().value(MAP_CONTENTION + "_max", count.labels())));
            }
        }
        for (Sample count : interval.now().named(CONTENTION + "_count")) {
            double waits = interval.increase(count);
            if (waits > 0) {
                String map = count.label("map"); // should the agent name maps in this family too
                rows.add(
                        new LockRow(
                                map.isEmpty() ? count.label("class") : map,
                                count.label("kind"),
                                !map.isEmpty(),
                                waits / seconds,
                                interval.increase(CONTENTION + "_sum", count.labels()) / seconds,
                                interval.now().value(CONTENTION + "_max", count.labels())));
            }
        }
        rows.sort(
                Comparator.comparingDouble(LockRow::secondsPerSecond)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingDouble(LockRow::waitsPerSecond).reversed())
                        .thenComparing(LockRow::name));
        return rows;
    }

    static Threads threads(Interval interval) {
        Samples now = interval.now();
        double seconds = interval.seconds();
        Map<String, String> platform = Map.of("kind", "platform");
        Map<String, String> virtual = Map.of("kind", "virtual");
        boolean hasVirtual =
                now.named(LIVE).stream().anyMatch(s -> s.label("kind").equals("virtual"));
        double ended = interval.increase(LIFETIME + "_count", Map.of());
        double shortLived = 0;
        for (Sample bucket : now.named(LIFETIME + "_bucket")) {
            if (le(bucket) == SHORT_LIVED_SECONDS) {
                shortLived += interval.increase(bucket);
            }
        }
        return new Threads(
                now.sum(LIVE, platform),
                hasVirtual ? now.sum(LIVE, virtual) : Double.NaN,
                interval.rate(STARTED, platform),
                interval.rate(ENDED, platform),
                hasVirtual ? interval.rate(STARTED, virtual) : Double.NaN,
                hasVirtual ? interval.rate(ENDED, virtual) : Double.NaN,
                ended > 0 ? Math.min(1, shortLived / ended) : Double.NaN,
                now.has(PINNED + "_sum") ? interval.rate(PINNED + "_sum", Map.of()) : Double.NaN);
    }

    static Allocation allocation(Interval interval) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        double total = 0;
        for (Sample sample : interval.now().named(ALLOCATION)) {
            double increase = interval.increase(sample);
            total += increase;
            if (increase > 0) {
                byClass.merge(sample.label("class"), increase / interval.seconds(), Double::sum);
            }
        }
        List<ClassRate> top =
                byClass.entrySet().stream()
                        .map(e -> new ClassRate(e.getKey(), e.getValue()))
                        .sorted(
                                Comparator.comparingDouble(ClassRate::bytesPerSecond)
                                        .reversed()
                                        .thenComparing(ClassRate::className))
                        .limit(TOP_ALLOCATING)
                        .toList();
        return new Allocation(total / interval.seconds(), top);
    }

    private static double max(Samples now, String name, Map<String, String> labels) {
        return now.named(name).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .max()
                .orElse(Double.NaN);
    }

    private static double le(Sample bucket) {
        String le = bucket.label("le");
        try {
            return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
