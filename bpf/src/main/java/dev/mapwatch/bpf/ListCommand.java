package dev.mapwatch.bpf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.ScriptReadiness;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mapwatch bpf list}: the scripts, what each needs, and whether this host has it. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the bpftrace scripts, what each needs, and whether this host has it.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand BpfCommand parent;

    @Spec CommandSpec spec;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        HostInspector inspector = parent.inspector();
        List<ScriptReadiness> results = new ArrayList<>();
        for (BpfScript script : BpfScript.values()) {
            results.add(inspector.check(script, Optional.empty()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonText.println(out, json -> json(json, results));
        } else {
            for (ScriptReadiness r : results) {
                BpfScript script = r.script();
                out.printf(
                        "%s (%s)%n  %s%n",
                        script.scriptName(), script.fileName(), script.summary());
                for (Finding f : r.findings()) {
                    out.printf(
                            "  needs %s%n    here: %s%n",
                            f.requirement().description(),
                            f.status() == Finding.Status.MET
                                    ? "yes"
                                    : hostHasIt(f) + " (" + f.detail() + ")");
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void json(JsonGenerator json, List<ScriptReadiness> results) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("scripts");
        for (ScriptReadiness r : results) {
            json.writeStartObject();
            json.writeStringField("name", r.script().scriptName());
            json.writeStringField("file", r.script().fileName());
            json.writeStringField("summary", r.script().summary());
            json.writeArrayFieldStart("needs");
            for (Finding f : r.findings()) {
                json.writeStartObject();
                json.writeStringField("requirement", f.requirement().id());
                json.writeStringField("kind", f.requirement().kind().id());
                json.writeStringField("description", f.requirement().description());
                json.writeStringField("host_has_it", hostHasIt(f));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String hostHasIt(Finding f) {
        return switch (f.status()) {
            case MET -> "yes";
            case UNMET -> "no";
            case UNKNOWN -> "unknown";
        };
    }
}
