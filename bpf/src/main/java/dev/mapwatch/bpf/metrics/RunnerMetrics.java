package dev.mapwatch.bpf.metrics;

import dev.mapwatch.bpf.BpfScript;
import dev.mapwatch.bpf.output.BpftraceEvent;
import dev.mapwatch.bpf.output.BpftraceEvent.AttachedProbes;
import dev.mapwatch.bpf.output.BpftraceEvent.LostEvents;
import dev.mapwatch.bpf.output.BpftraceEvent.Printf;
import dev.mapwatch.bpf.output.BpftraceEvent.Unrecognized;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The runner's own metrics: how well it reads bpftrace, and what bpftrace says about itself. */
public final class RunnerMetrics {

    private final List<String> labels;
    private final CounterFamily parseErrors;
    private final CounterFamily lostEvents;
    private final CounterFamily reports;
    private final GaugeFamily attachedProbes;
    private final AtomicLong parseErrorCount = new AtomicLong();
    private volatile Consumer<String> problemSink = s -> {};

    private RunnerMetrics(FamilySet families, BpfScript script, long pid) {
        labels = List.of(Long.toString(pid), script.scriptName());
        parseErrors =
                families.add(
                        new CounterFamily(
                                "mapwatch_bpf_parse_errors",
                                "bpftrace output lines the runner could not read or did not expect",
                                "pid",
                                "script"));
        lostEvents =
                families.add(
                        new CounterFamily(
                                "mapwatch_bpf_lost_events",
                                "Events bpftrace reported lost (perf buffer full)",
                                "pid",
                                "script"));
        reports =
                families.add(
                        new CounterFamily(
                                "mapwatch_bpf_reports",
                                "Maps printed by bpftrace and read by the runner",
                                "pid",
                                "script"));
        attachedProbes =
                families.add(
                        new GaugeFamily(
                                "mapwatch_bpf_attached_probes",
                                "Probes bpftrace attached for the running script",
                                "pid",
                                "script"));
        parseErrors.add(labels, 0);
        lostEvents.add(labels, 0);
        reports.add(labels, 0);
    }

    static RunnerMetrics register(FamilySet families, BpfScript script, long pid) {
        return new RunnerMetrics(families, script, pid);
    }

    /** Where problems are reported in words (the runner's stderr), besides being counted. */
    public void onProblem(Consumer<String> sink) {
        this.problemSink = sink;
    }

    /** Output lines that could not be read or were not expected so far. */
    public long parseErrors() {
        return parseErrorCount.get();
    }

    void accept(BpftraceEvent event) {
        if (event instanceof AttachedProbes a) {
            attachedProbes.set(labels, a.probes());
        } else if (event instanceof LostEvents l) {
            lostEvents.add(labels, l.events());
            problemSink.accept("bpftrace lost " + l.events() + " events");
        } else if (event instanceof Unrecognized u) {
            unexpected("unreadable bpftrace output (" + u.reason() + "): " + abbreviate(u.line()));
        } else if (event instanceof Printf p) {
            problemSink.accept("bpftrace: " + p.text().strip());
        }
    }

    void unexpected(String what) {
        parseErrors.add(labels, 1);
        parseErrorCount.incrementAndGet();
        problemSink.accept(what);
    }

    void report() {
        reports.add(labels, 1);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
