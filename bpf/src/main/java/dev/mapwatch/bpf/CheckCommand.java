package dev.mapwatch.bpf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.ScriptReadiness;
import dev.mapwatch.bpf.host.TargetJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mapwatch bpf check [--pid P]}: per script, can it run here, and why not. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "For each script: can it run on this host (and against --pid), and why not.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every script can run",
            "2:usage error (e.g. no such pid)",
            "3:some script cannot run here"
        })
final class CheckCommand implements Callable<Integer> {

    @ParentCommand BpfCommand parent;

    @Spec CommandSpec spec;

    @Option(
            names = "--pid",
            description =
                    "a target JVM: also check its libjvm.so USDT probes and -XX:+DTraceMonitorProbes")
    @Nullable Long pid;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        Optional<TargetJvm> target = Optional.empty();
        if (pid != null) {
            target = TargetJvm.of(pid);
            if (target.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no process with pid " + pid);
            }
        }
        HostInspector inspector = parent.inspector();
        List<ScriptReadiness> results = new ArrayList<>();
        for (BpfScript script : BpfScript.values()) {
            results.add(inspector.check(script, target));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonText.println(out, json -> json(json, results));
        } else {
            for (ScriptReadiness r : results) {
                out.printf(
                        "%-13s %s%n",
                        r.script().scriptName(),
                        r.runnable() ? "can run" : "CANNOT run: " + r.blockers());
                for (Finding f : r.findings()) {
                    out.printf(
                            "  [%-7s] %-22s %s%n",
                            f.status().name().toLowerCase(Locale.ROOT),
                            f.requirement().id(),
                            f.detail());
                }
            }
        }
        out.flush();
        return results.stream().allMatch(ScriptReadiness::runnable)
                ? 0
                : BpfCommand.EXIT_NOT_RUNNABLE;
    }

    private void json(JsonGenerator json, List<ScriptReadiness> results) throws IOException {
        json.writeStartObject();
        json.writeFieldName("pid");
        if (pid == null) {
            json.writeNull();
        } else {
            json.writeNumber(pid);
        }
        json.writeArrayFieldStart("scripts");
        for (ScriptReadiness r : results) {
            json.writeStartObject();
            json.writeStringField("name", r.script().scriptName());
            json.writeBooleanField("runnable", r.runnable());
            json.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                json.writeStartObject();
                json.writeStringField("requirement", f.requirement().id());
                json.writeStringField("kind", f.requirement().kind().id());
                json.writeStringField("status", f.status().name().toLowerCase(Locale.ROOT));
                json.writeStringField("detail", f.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
