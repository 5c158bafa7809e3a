package dev.mapwatch.bpf.metrics;

import dev.mapwatch.bpf.BpfScript;
import dev.mapwatch.bpf.output.BpftraceEvent;
import dev.mapwatch.bpf.output.BpftraceEvent.HistBucket;
import dev.mapwatch.bpf.output.BpftraceEvent.HistPrint;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns one script's bpftrace output into Prometheus series. Every script prints cumulative
 * maps, so each print replaces the series it feeds (counters never go down). Thread names
 * are folded ({@link ThreadNames}) and, like class names, bounded by a {@link LabelBudget}.
 * Maps a script does not print, and output of the wrong shape, count as parse errors.
 */
public final class ScriptMetrics {

    private final BpfScript script;
    private final String pid;
    private final RunnerMetrics runner;
    private final LabelBudget budget;
    private final Map<String, Consumer<MapPrint>> mapHandlers = new HashMap<>();
    private final Map<String, Consumer<HistPrint>> histHandlers = new HashMap<>();

    private ScriptMetrics(BpfScript script, long pid, int maxLabelValues, RunnerMetrics runner) {
        this.script = script;
        this.pid = Long.toString(pid);
        this.runner = runner;
        this.budget = new LabelBudget(maxLabelValues);
    }

    /** The metrics of {@code script} run against {@code pid}, registered in {@code families}. */
    public static ScriptMetrics create(
            BpfScript script, long pid, int maxLabelValues, FamilySet families) {
        ScriptMetrics m =
                new ScriptMetrics(
                        script, pid, maxLabelValues, RunnerMetrics.register(families, script, pid));
        // Every script prints this each interval, so a report arrives even while nothing happens.
        m.mapHandlers.put("@intervals", p -> {});
        switch (script) {
            case CACHE_MISSES -> m.cacheMisses(families);
            case OFFCPU -> m.offcpu(families);
            case JVM_THREADS -> m.jvmThreads(families);
            case JVM_MONITORS -> m.jvmMonitors(families);
            default -> throw new IllegalArgumentException(script.toString());
        }
        return m;
    }

    /** The runner's own metrics (parse errors, lost events...). */
    public RunnerMetrics runner() {
        return runner;
    }

    /** Feeds one event of bpftrace's output. */
    public void accept(BpftraceEvent event) {
        if (event instanceof MapPrint map) {
            dispatch(mapHandlers.get(map.map()), map, map.map());
        } else if (event instanceof HistPrint hist) {
            dispatch(histHandlers.get(hist.map()), hist, hist.map());
        } else {
            runner.accept(event);
        }
    }

    private <E> void dispatch(@Nullable Consumer<E> handler, E print, String mapName) {
        if (handler == null) {
            runner.unexpected(
                    "unexpected map " + mapName + " in the output of " + script.fileName());
            return;
        }
        handler.accept(print);
        runner.report();
    }

    private void cacheMisses(FamilySet families) {
        CounterFamily references =
                families.add(
                        new CounterFamily(
                                "mapwatch_cpu_cache_references",
                                "Last-level cache references of the process's threads (sampled hardware event x period)",
                                "pid",
                                "thread"));
        CounterFamily misses =
                families.add(
                        new CounterFamily(
                                "mapwatch_cpu_cache_misses",
                                "Last-level cache misses of the process's threads (sampled hardware event x period)",
                                "pid",
                                "thread"));
        GaugeFamily ratio =
                families.add(
                        new GaugeFamily(
                                "mapwatch_cpu_cache_miss_ratio",
                                "Cache misses / cache references of the process over the last interval",
                                "pid"));
        long[] totals = new long[4]; // references now, misses now, references before, misses before
        mapHandlers.put(
                "@references",
                p -> totals[0] = setTotals(references, p.values(), ThreadNames::fold));
        mapHandlers.put(
                "@misses",
                p -> {
                    totals[1] = setTotals(misses, p.values(), ThreadNames::fold);
                    long dr = totals[0] - totals[2];
                    long dm = totals[1] - totals[3];
                    if (dr > 0 && dm >= 0) {
                        ratio.set(List.of(pid), Math.min(1.0, (double) dm / dr));
                    }
                    totals[2] = totals[0];
                    totals[3] = totals[1];
                });
    }

    private void offcpu(FamilySet families) {
        CounterFamily offcpu =
                families.add(
                        new CounterFamily(
                                "mapwatch_offcpu_seconds",
                                "Time the process's threads spent off CPU, by why: blocked (waiting) or runnable (preempted)",
                                "pid",
                                "thread",
                                "state"));
        mapHandlers.put(
                "@offcpu_ns",
                p -> {
                    Map<String, Map<String, Long>> byState = new HashMap<>();
                    p.values()
                            .forEach(
                                    (key, ns) -> {
                                        int comma = key.lastIndexOf(',');
                                        String state =
                                                comma < 0
                                                        ? "unknown"
                                                        : "1".equals(key.substring(comma + 1))
                                                                ? "blocked"
                                                                : "runnable";
                                        String thread = comma < 0 ? key : key.substring(0, comma);
                                        byState.computeIfAbsent(state, s -> new HashMap<>())
                                                .merge(thread, ns, Long::sum);
                                    });
                    // One budget across states, weighted by each thread's total off-CPU time.
                    Map<String, Long> weights = new HashMap<>();
                    byState.values()
                            .forEach(
                                    m ->
                                            m.forEach(
                                                    (t, ns) ->
                                                            weights.merge(
                                                                    ThreadNames.fold(t),
                                                                    ns,
                                                                    Long::sum)));
                    Map<String, String> labels = budget.assign(weights);
                    byState.forEach(
                            (state, threads) -> {
                                Map<String, Long> sums = new HashMap<>();
                                threads.forEach(
                                        (t, ns) ->
                                                sums.merge(
                                                        labels.get(ThreadNames.fold(t)),
                                                        ns,
                                                        Long::sum));
                                sums.forEach(
                                        (thread, ns) ->
                                                offcpu.setTotal(
                                                        List.of(pid, thread, state), ns / 1e9));
                            });
                });
    }

    private void jvmThreads(FamilySet families) {
        CounterFamily started =
                families.add(
                        new CounterFamily(
                                "mapwatch_hotspot_threads_started",
                                "Java threads started (HotSpot USDT thread__start), by folded thread name",
                                "pid",
                                "thread"));
        CounterFamily stopped =
                families.add(
                        new CounterFamily(
                                "mapwatch_hotspot_threads_stopped",
                                "Java threads stopped (HotSpot USDT thread__stop), by folded thread name",
                                "pid",
                                "thread"));
        HistogramFamily lifetime =
                families.add(
                        new HistogramFamily(
                                "mapwatch_hotspot_thread_lifetime_seconds",
                                "Lifetime of Java threads that started and stopped while the script ran",
                                "pid"));
        mapHandlers.put("@started", p -> setTotals(started, p.values(), ThreadNames::fold));
        mapHandlers.put("@stopped", p -> setTotals(stopped, p.values(), ThreadNames::fold));
        histHandlers.put(
                "@lifetime_us", p -> lifetime.setMicros(List.of(pid), p.histograms().values()));
        mapHandlers.put(
                "@lifetime_sum_us",
                p ->
                        lifetime.setSumMicros(
                                List.of(pid),
                                p.values().values().stream().mapToLong(Long::longValue).sum()));
    }

    private void jvmMonitors(FamilySet families) {
        HistogramFamily wait =
                families.add(
                        new HistogramFamily(
                                "mapwatch_hotspot_monitor_wait_seconds",
                                "Contended monitor enter to entered (HotSpot USDT), by class of the locked object",
                                "pid",
                                "class"));
        histHandlers.put(
                "@wait_us",
                p -> {
                    Map<String, Long> weights = new HashMap<>();
                    p.histograms()
                            .forEach(
                                    (cls, buckets) ->
                                            weights.merge(
                                                    className(cls),
                                                    buckets.stream()
                                                            .mapToLong(HistBucket::count)
                                                            .sum(),
                                                    Long::sum));
                    Map<String, String> labels = budget.assign(weights);
                    Map<String, List<List<HistBucket>>> byLabel = new HashMap<>();
                    p.histograms()
                            .forEach(
                                    (cls, buckets) ->
                                            byLabel.computeIfAbsent(
                                                            labels.get(className(cls)),
                                                            l -> new ArrayList<>())
                                                    .add(buckets));
                    byLabel.forEach(
                            (label, histograms) -> wait.setMicros(List.of(pid, label), histograms));
                });
        mapHandlers.put(
                "@wait_sum_us",
                p -> {
                    Map<String, Long> sums = new HashMap<>();
                    p.values()
                            .forEach(
                                    (cls, us) ->
                                            sums.merge(
                                                    budget.labelOf(className(cls)), us, Long::sum));
                    sums.forEach((label, us) -> wait.setSumMicros(List.of(pid, label), us));
                });
    }

    /** JVM internal class names use '/'; Java users read '.'. */
    static String className(String internal) {
        return internal.replace('/', '.');
    }

    /** Folds, budgets, adds up and sets cumulative totals; returns the grand total. */
    private long setTotals(
            CounterFamily family, Map<String, Long> values, Function<String, String> fold) {
        Map<String, Long> folded = new HashMap<>();
        values.forEach((k, v) -> folded.merge(fold.apply(k), v, Long::sum));
        Map<String, String> labels = budget.assign(folded);
        Map<String, Long> sums = new HashMap<>();
        folded.forEach((k, v) -> sums.merge(labels.get(k), v, Long::sum));
        sums.forEach((label, v) -> family.setTotal(List.of(pid, label), v));
        return folded.values().stream().mapToLong(Long::longValue).sum();
    }
}
