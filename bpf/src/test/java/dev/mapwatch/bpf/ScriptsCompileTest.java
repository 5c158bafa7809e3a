package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every packaged script compiles with the real bpftrace without attaching anything
 * ({@code --emit-elf}, bpftrace 0.17's compile-only dry run). The USDT scripts are compiled
 * against a child JVM (-p), because bpftrace resolves their probes in the target's libjvm.so.
 */
class ScriptsCompileTest {

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(BpfScript.class)
    void compilesWithoutAttaching(BpfScript script) throws Exception {
        Path bpftrace = SystemParts.requireBpftrace();
        assertThat(script.text())
                .startsWith("/*\n * " + script.fileName() + ":")
                .contains("Needs:", "Run by hand:");
        Path source = dir.resolve(script.fileName());
        Files.writeString(source, script.text());
        Path elf = dir.resolve(script.scriptName() + ".o");
        ChildJvm child = script.usesUsdt() ? TraceTarget.start() : null;
        try {
            long pid = child == null ? ProcessHandle.current().pid() : child.pid();
            List<String> command =
                    new ArrayList<>(List.of(bpftrace.toString(), "--emit-elf", elf.toString()));
            if (script.usesUsdt()) {
                command.addAll(List.of("-p", Long.toString(pid)));
            }
            command.addAll(List.of(source.toString(), Long.toString(pid), "5"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(Files.size(elf)).isPositive();
            assertThat(output).doesNotContain("Attaching");
        } finally {
            if (child != null) {
                child.close();
            }
        }
    }
}
