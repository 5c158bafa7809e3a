package dev.mapwatch.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner as its own JVM (as {@code mapwatch bpf run} is), stopped by a signal (SIGTERM,
 * what a service manager or kill sends; Ctrl-C's SIGINT takes the same shutdown path): its
 * bpftrace child is gone afterwards.
 */
class RunnerKilledTest {

    @Test
    void stoppingTheRunnerStopsBpftrace() throws Exception {
        SystemParts.requireBpftrace(dev.mapwatch.bpf.host.Requirement.TRACEFS);
        try (ChildJvm target = TraceTarget.start()) {
            String javaHome =
                    System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"));
            String classpath =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            Process runner =
                    new ProcessBuilder(
                                    javaHome + "/bin/java",
                                    "-cp",
                                    classpath,
                                    BpfCommand.class.getName(),
                                    "run",
                                    "offcpu",
                                    "--pid",
                                    Long.toString(target.pid()),
                                    "--port",
                                    "0",
                                    "--interval",
                                    "1s")
                            .redirectErrorStream(true)
                            .start();
            try {
                BufferedReader lines =
                        new BufferedReader(
                                new InputStreamReader(
                                        runner.getInputStream(), StandardCharsets.UTF_8));
                String first = lines.readLine();
                assertThat(first)
                        .contains(
                                "offcpu on pid " + target.pid() + ", metrics at http://127.0.0.1:");
                List<ProcessHandle> bpftrace = awaitBpftrace(runner);
                assertThat(bpftrace).hasSize(1);

                runner.destroy();
                assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(bpftrace.get(0).onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
                assertThat(target.pid())
                        .matches(
                                p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false),
                                "the target JVM keeps running");
            } finally {
                runner.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> awaitBpftrace(Process runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> found =
                    runner.descendants()
                            .filter(
                                    p ->
                                            p.info()
                                                    .command()
                                                    .map(c -> c.endsWith("/bpftrace"))
                                                    .orElse(false))
                            // Only the script run (bpftrace -f json ...): the runner's short host
                            // probes
                            // (bpftrace --version, a probe listing) may still be exiting at this
                            // moment.
                            .filter(
                                    p ->
                                            p.info()
                                                    .arguments()
                                                    .map(a -> List.of(a).contains("json"))
                                                    .orElse(false))
                            .toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(50); // a poll interval, not synchronisation: the process list decides
        }
        throw new AssertionError("the runner started no bpftrace within 20 s");
    }
}
