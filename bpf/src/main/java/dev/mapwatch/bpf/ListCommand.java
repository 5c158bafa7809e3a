package dev.mapwatch.bpf;

import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.ScriptReadiness;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mapwatch bpf list}: the scripts, what each needs, and whether this host has it. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the bpftrace scripts, what each needs, and whether this host has it.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    BpfCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        HostInspector inspector = parent.inspector();
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder json = new StringBuilder("{\"scripts\":[");
        for (BpfScript script : BpfScript.values()) {
            ScriptReadiness r = inspector.check(script, Optional.empty());
            if (format == OutputFormat.json) {
                json.append(script.ordinal() == 0 ? "" : ",")
                        .append("{\"name\":").append(JsonText.quote(script.scriptName()))
                        .append(",\"file\":").append(JsonText.quote(script.fileName()))
                        .append(",\"summary\":").append(JsonText.quote(script.summary()))
                        .append(",\"needs\":[")
                        .append(r.findings().stream().map(f -> "{\"requirement\":" + JsonText.quote(f.requirement().id())
                                + ",\"kind\":" + JsonText.quote(f.requirement().kind().id())
                                + ",\"description\":" + JsonText.quote(f.requirement().description())
                                + ",\"host_has_it\":" + JsonText.quote(hostHasIt(f)) + "}").collect(Collectors.joining(",")))
                        .append("]}");
            } else {
                out.printf("%s (%s)%n  %s%n", script.scriptName(), script.fileName(), script.summary());
                for (Finding f : r.findings()) {
                    out.printf("  needs %s%n    here: %s%n", f.requirement().description(),
                            f.status() == Finding.Status.MET ? "yes" : hostHasIt(f) + " (" + f.detail() + ")");
                }
            }
        }
        if (format == OutputFormat.json) {
            out.println(json.append("]}"));
        }
        out.flush();
        return 0;
    }

    private static String hostHasIt(Finding f) {
        return switch (f.status()) {
            case MET -> "yes";
            case UNMET -> "no";
            case UNKNOWN -> "unknown";
        };
    }
}
