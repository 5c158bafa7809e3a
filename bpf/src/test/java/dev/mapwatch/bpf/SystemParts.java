package dev.mapwatch.bpf;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.bpf.host.Finding;
import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.Requirement;
import java.nio.file.Path;
import java.util.Optional;

/** Test guard for real bpftrace as root: skip with the reason, or fail under CI=true. */
final class SystemParts {

    private SystemParts() {}

    /** Requires bpftrace, root and the given host requirements; returns the bpftrace path. */
    static Path requireBpftrace(Requirement... more) {
        HostInspector inspector = HostInspector.ofThisHost();
        require(inspector.bpftrace().isPresent(), "bpftrace is not installed (scripts/install-test-deps installs it)");
        for (BpfScript script : BpfScript.values()) {
            for (Finding f : inspector.check(script, Optional.empty()).findings()) {
                boolean wanted = f.requirement() == Requirement.BPFTRACE || f.requirement() == Requirement.PRIVILEGES
                        || java.util.Arrays.asList(more).contains(f.requirement());
                if (wanted) {
                    require(!f.blocks(), f.detail());
                }
            }
        }
        return inspector.bpftrace().orElseThrow();
    }

    private static void require(boolean present, String reason) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail("CI needs this system part: " + reason);
            }
        } else {
            assumeTrue(present, reason);
        }
    }

    /** Requires target requirements of a check (e.g. USDT probes in the child's libjvm.so). */
    static void requireTarget(dev.mapwatch.bpf.host.ScriptReadiness readiness, Requirement... requirements) {
        for (Finding f : readiness.findings()) {
            if (java.util.Arrays.asList(requirements).contains(f.requirement())) {
                require(!f.blocks(), f.detail());
            }
        }
    }
}
