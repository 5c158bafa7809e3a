package dev.mapwatch.bpf;

import dev.mapwatch.bpf.host.HostInspector;
import dev.mapwatch.bpf.host.ScriptReadiness;
import dev.mapwatch.bpf.host.TargetJvm;
import dev.mapwatch.bpf.run.Interval;
import dev.mapwatch.bpf.run.ScriptRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mapwatch bpf run <script> --pid P}: bpftrace's maps as Prometheus metrics. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run a script against a process and serve what it sees as Prometheus metrics until the process exits or Ctrl-C.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly (target exited, or Ctrl-C)",
            "1:bpftrace failed",
            "2:usage error (unknown script, no such pid, bad interval)",
            "3:the script cannot run here (see bpf check)"
        })
final class RunCommand implements Callable<Integer> {

    @ParentCommand BpfCommand parent;

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "SCRIPT",
            description = "cache-misses, offcpu, jvm-threads or jvm-monitors")
    String scriptName;

    @Option(names = "--pid", required = true, description = "the target process")
    long pid;

    @Option(
            names = "--port",
            defaultValue = "9465",
            description = "HTTP port for /metrics, 0 for any (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--interval",
            defaultValue = "5s",
            converter = Interval.Converter.class,
            description =
                    "how often bpftrace prints its maps, whole seconds (default: ${DEFAULT-VALUE})")
    Interval interval;

    @Option(
            names = "--max-label-values",
            defaultValue = "30",
            description =
                    "thread or class label values kept before the rest become 'other' (default: ${DEFAULT-VALUE})")
    int maxLabelValues;

    @Override
    public Integer call() throws IOException {
        BpfScript script =
                BpfScript.byName(scriptName)
                        .orElseThrow(
                                () ->
                                        new ParameterException(
                                                spec.commandLine(),
                                                "unknown script '"
                                                        + scriptName
                                                        + "'; scripts: "
                                                        + BpfScript.names()));
        if (port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(), "bad --port " + port + ": use 0-65535");
        }
        if (maxLabelValues < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "bad --max-label-values " + maxLabelValues + ": use 1 or more");
        }
        Optional<TargetJvm> target = TargetJvm.of(pid);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (target.isEmpty() || handle.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no process with pid " + pid);
        }
        HostInspector inspector = parent.inspector();
        ScriptReadiness readiness = inspector.check(script, target);
        PrintWriter err = spec.commandLine().getErr();
        if (!readiness.runnable()) {
            err.println(
                    "mapwatch bpf run: "
                            + script.scriptName()
                            + " cannot run here: "
                            + readiness.blockers());
            err.flush();
            return BpfCommand.EXIT_NOT_RUNNABLE;
        }
        ScriptRun run =
                new ScriptRun(
                        new ScriptRun.Settings(
                                script,
                                pid,
                                inspector.bpftrace().orElseThrow(),
                                interval,
                                host,
                                port,
                                maxLabelValues),
                        spec.commandLine().getOut(),
                        err);
        try {
            return run.run(handle.get()) == ScriptRun.Outcome.BPFTRACE_FAILED ? 1 : 0;
        } catch (IOException e) {
            err.println("mapwatch bpf run: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
