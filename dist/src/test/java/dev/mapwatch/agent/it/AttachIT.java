package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code mapwatch attach} against live child JVMs, every documented exit code. */
class AttachIT {

    private static final Pattern SERVING =
            Pattern.compile("^mapwatch agent serving (http://\\S+/metrics) in JVM (\\d+)$");

    @Test
    void attachesPrintsTheEndpointAndReportsItWhenAskedAgain() {
        try (ChildJvm child = ChildJvm.start(null, Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Cli.Result first =
                    Cli.run("attach", Long.toString(child.pid()), "port=0", "lockThreshold=20ms");
            assertThat(first.exitCode()).as(first.err()).isZero();
            if (ChildJvm.javaFeatureVersion() < 23) {
                assertThat(first.errLines())
                        .singleElement()
                        .asString()
                        .startsWith(
                                "mapwatch: JDK "
                                        + ChildJvm.javaFeatureVersion()
                                        + " discards most compiled code");
            } else {
                assertThat(first.errLines()).noneMatch(line -> line.contains("compiled code"));
            }
            Matcher serving = SERVING.matcher(first.out().strip());
            assertThat(serving.matches()).as(first.out()).isTrue();
            String endpoint = serving.group(1);
            assertThat(serving.group(2)).isEqualTo(Long.toString(child.pid()));
            assertThat(child.awaitEndpoint()).isEqualTo(endpoint);
            assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();

            Cli.Result again = Cli.run("attach", Long.toString(child.pid()), "--format", "json");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out().strip())
                    .isEqualTo(
                            "{\"pid\":"
                                    + child.pid()
                                    + ",\"endpoint\":\""
                                    + endpoint
                                    + "\",\"alreadyRunning\":true}");
            assertThat(child.stderr().stream().filter(l -> l.contains(" serving "))).hasSize(1);
            assertThat(child.command("threads 1")).isEqualTo("ok");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.Result badPid = Cli.run("attach", "abc");
        assertThat(badPid.exitCode()).isEqualTo(2);
        assertThat(badPid.errLines())
                .containsExactly(
                        "mapwatch: <pid> must be a process id, got 'abc' (see 'mapwatch attach --help')");
        Cli.Result badOption =
                Cli.run("attach", Long.toString(ProcessHandle.current().pid()), "prot=1");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.errLines())
                .singleElement()
                .asString()
                .startsWith("mapwatch: unknown option 'prot'");
    }

    @Test
    void noSuchProcessExitsThree() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Cli.Result result = Cli.run("attach", Long.toString(gone.pid()));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines())
                .containsExactly("mapwatch: no process with pid " + gone.pid());
    }

    @Test
    void aProcessThatIsNotAJvmExitsFourAndIsLeftAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result result = Cli.run("attach", Long.toString(sleeper.pid()));
            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch: process " + sleeper.pid())
                    .contains("is not a JVM");
            assertThat(sleeper.isAlive()).as("not signalled").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aJvmThatRefusesAttachExitsSix() {
        try (ChildJvm child =
                ChildJvm.start(
                        List.of("-XX:+DisableAttachMechanism"), null, List.of(), Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Cli.Result result = Cli.run("attach", Long.toString(child.pid()), "port=0");
            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch: JVM " + child.pid() + " refused the attach");
            assertThat(child.command("threads 1")).isEqualTo("ok");
        }
    }

    @Test
    void aBusyPortInTheTargetExitsOne() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ChildJvm child = ChildJvm.start(null, Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Cli.Result result =
                    Cli.run("attach", Long.toString(child.pid()), "port=" + busy.getLocalPort());
            assertThat(result.exitCode()).isEqualTo(1);
            // Before JDK 23 the line about compiled code comes first (attachesPrintsTheEndpoint...
            // checks it).
            assertThat(result.errLines())
                    .filteredOn(line -> !line.contains("discards most compiled code"))
                    .containsExactly(
                            "mapwatch: the agent did not start in JVM "
                                    + child.pid()
                                    + "; its stderr says why (for example: port in use)");
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: cannot serve on 127\\.0\\.0\\.1:" + busy.getLocalPort()));
            // The marker was cleared, so another port works afterwards.
            Cli.Result retry = Cli.run("attach", Long.toString(child.pid()), "port=0");
            assertThat(retry.exitCode()).as(retry.err()).isZero();
        }
    }

    @Test
    void aJvmOfAnotherUserExitsFive() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path runuser = Path.of("/usr/sbin/runuser");
        if (!root || !Files.isExecutable(runuser)) {
            String missing = "needs root and /usr/sbin/runuser to run mapwatch as another user";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true: " + missing);
            }
            Assumptions.abort(missing);
        }
        // The root-owned child, attached to by mapwatch running as 'nobody'; the jar must be
        // readable.
        Path jar = Files.createTempFile("mapwatch-agent", ".jar");
        Files.copy(ChildJvm.agentJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        try (ChildJvm child = ChildJvm.start(null, Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Process process =
                    new ProcessBuilder(
                                    runuser.toString(),
                                    "-u",
                                    "nobody",
                                    "--",
                                    ChildJvm.javaHome().resolve("bin/java").toString(),
                                    "-jar",
                                    jar.toString(),
                                    "attach",
                                    Long.toString(child.pid()))
                            .directory(Path.of("/tmp").toFile())
                            .start();
            String err = new String(process.getErrorStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isEqualTo(5);
            assertThat(err.lines())
                    .singleElement()
                    .asString()
                    .startsWith(
                            "mapwatch: process "
                                    + child.pid()
                                    + " runs as user 'root' and mapwatch as 'nobody'");
        } finally {
            Files.deleteIfExists(jar);
        }
    }
}
