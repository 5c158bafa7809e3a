package dev.mapwatch.bpf.host;

import dev.mapwatch.bpf.BpfScript;
import java.util.List;
import java.util.stream.Collectors;

/** The findings for one script: it can run when none blocks. */
public record ScriptReadiness(BpfScript script, List<Finding> findings) {

    public ScriptReadiness {
        findings = List.copyOf(findings);
    }

    /** Whether nothing known stops the script from running. */
    public boolean runnable() {
        return findings.stream().noneMatch(Finding::blocks);
    }

    /** The reasons it cannot run, joined for one line. */
    public String blockers() {
        return findings.stream()
                .filter(Finding::blocks)
                .map(Finding::detail)
                .collect(Collectors.joining("; "));
    }
}
