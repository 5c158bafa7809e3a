package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The jar is self-contained and relocated, so it cannot clash with what the application brings. */
class ShadingIT {

    @Test
    void everyClassLivesUnderDevMapwatch() throws IOException {
        List<String> outside = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.matches("META-INF/.*\\.(SF|DSA|RSA|EC)")
                        || name.endsWith("module-info.class")) {
                    forbidden.add(name);
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                classes++;
                String path = name.replaceFirst("^META-INF/versions/\\d+/", "");
                if (!path.startsWith("dev/mapwatch/")) {
                    outside.add(name);
                }
                // mapwatch's own libraries are relocated too: the application may have its own
                // versions.
                if (path.matches("dev/mapwatch/(maps|exporter|bpf|report)/.*")) {
                    outside.add(name);
                }
            }
        }
        assertThat(classes).as("classes in the jar").isGreaterThan(500);
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (String relocated :
                    List.of(
                            "dev/mapwatch/shaded/maps/MapWatch.class",
                            "dev/mapwatch/shaded/exporter/jfr/JfrMetrics.class",
                            "dev/mapwatch/shaded/bpf/BpfCommand.class",
                            "dev/mapwatch/shaded/bpf/scripts/jvm-threads.bt",
                            "dev/mapwatch/shaded/report/ReportCommand.class",
                            "dev/mapwatch/shaded/report/render/report.js",
                            "dev/mapwatch/shaded/io/micrometer/core/instrument/MeterRegistry.class",
                            "dev/mapwatch/shaded/io/prometheus/metrics/exporter/httpserver/HTTPServer.class",
                            "dev/mapwatch/shaded/picocli/CommandLine.class")) {
                assertThat(jar.getEntry(relocated)).as(relocated).isNotNull();
            }
        }
        assertThat(outside)
                .as("classes outside dev/mapwatch (or unrelocated mapwatch libraries)")
                .isEmpty();
        assertThat(forbidden).as("signatures and module descriptors").isEmpty();
    }

    @Test
    void noResourceOfARelocatedLibraryStaysWhereTheApplicationWouldFindIt() throws IOException {
        List<String> outside = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory()
                        || name.startsWith("dev/mapwatch/")
                        || name.equals("META-INF/MANIFEST.MF")
                        // service files are named after the interface they implement: relocated
                        // ones only
                        || name.startsWith("META-INF/services/dev.mapwatch.")
                        // licence and notice texts (Apache NOTICE merged; FastDoubleParser's in
                        // jackson-core)
                        || name.matches("META-INF/([\\w-]+-)?(LICENSE|NOTICE)(\\.txt|\\.md)?")) {
                    continue;
                }
                outside.add(name);
            }
            assertThat(
                            Collections.list(jar.entries()).stream()
                                    .map(JarEntry::getName)
                                    .filter(n -> n.startsWith("META-INF/services/")))
                    .as("the relocated libraries' service files, relocated")
                    .contains(
                            "META-INF/services/dev.mapwatch.shaded.com.fasterxml.jackson.core.JsonFactory");
        }
        assertThat(outside)
                .as(
                        "resources outside dev/mapwatch (micrometer-*.properties, native-image, kotlin_module, ...)")
                .isEmpty();
    }

    @Test
    void anApplicationWithItsOwnMicrometerSeesOnlyItsOwnVersion() {
        List<String> jars = List.of(System.getProperty("mapwatch.test.app.micrometer"));
        String version = System.getProperty("mapwatch.test.app.micrometer.version");
        try (ChildJvm child =
                ChildJvm.start(
                        "port=0", List.of(), OwnMicrometerApp.class, jars.toArray(String[]::new))) {
            child.awaitStdout(Pattern.compile("^ready$"));
            assertThat(child.stdout())
                    .startsWith(
                            "Meter " + version,
                            "first META-INF/micrometer-core.properties " + version,
                            "found META-INF/micrometer-core.properties " + version,
                            "ready");
            String endpoint = child.awaitEndpoint();
            assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    void manifestDeclaresAgentAndCommandLine() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class"))
                    .isEqualTo("dev.mapwatch.agent.MapwatchAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.mapwatch.agent.MapwatchAgent");
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.mapwatch.cli.MapwatchCommand");
            // maps= after an attach rewrites classes already loaded.
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            // java -jar runs the CLI, not the agent: the launcher agent only keeps the
            // Instrumentation (demo).
            assertThat(main.getValue("Launcher-Agent-Class"))
                    .isEqualTo("dev.mapwatch.cli.LauncherInstrumentation");
        }
    }

    @Test
    void theBootstrapJarInsideHoldsOnlyTheCountingHelpers() throws IOException {
        try (JarFile agent = new JarFile(ChildJvm.agentJar().toFile())) {
            var entry =
                    agent.getJarEntry("dev/mapwatch/instrument/mapwatch-instrument-bootstrap.jar");
            assertThat(entry).as("the nested bootstrap jar").isNotNull();
            Path nested = Files.createTempFile("bootstrap", ".jar");
            try {
                try (var in = agent.getInputStream(entry)) {
                    Files.copy(in, nested, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                try (JarFile bootstrap = new JarFile(nested.toFile())) {
                    List<String> classes =
                            bootstrap.stream()
                                    .map(e -> e.getName())
                                    .filter(n -> n.endsWith(".class"))
                                    .toList();
                    // On the bootstrap class path, anything else could shadow an application's
                    // class.
                    assertThat(classes)
                            .isNotEmpty()
                            .allMatch(n -> n.startsWith("dev/mapwatch/bootstrap/"));
                    assertThat(classes)
                            .contains(
                                    "dev/mapwatch/bootstrap/MapCalls.class",
                                    "dev/mapwatch/bootstrap/maps/MapCounters.class",
                                    "dev/mapwatch/bootstrap/maps/WindowTargets.class");
                }
            } finally {
                Files.deleteIfExists(nested);
            }
        }
        try (JarFile agent = new JarFile(ChildJvm.agentJar().toFile())) {
            assertThat(
                            agent.stream()
                                    .map(e -> e.getName())
                                    .filter(n -> n.startsWith("dev/mapwatch/bootstrap/")))
                    .as("the helpers are not agent classes: one copy, on the bootstrap class path")
                    .isEmpty();
        }
    }

    @Test
    void anApplicationWithItsOwnPicocliRunsUnharmed() {
        Path appPicocli = Path.of(System.getProperty("mapwatch.test.app.picocli"));
        String version = System.getProperty("mapwatch.test.app.picocli.version");
        try (ChildJvm child =
                ChildJvm.start(
                        "port=0", List.of(appPicocli), PicocliApp.class, "--greeting", "hi")) {
            child.awaitStdout(
                    Pattern.compile("^app picocli " + Pattern.quote(version) + " greeting hi$"));
            String endpoint = child.awaitEndpoint();
            assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
            assertThat(child.command("threads 1")).isEqualTo("ok");
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    void theJarIsTheCommandLine() throws Exception {
        Process version =
                new ProcessBuilder(
                                ChildJvm.javaHome().resolve("bin/java").toString(),
                                "-jar",
                                ChildJvm.agentJar().toString(),
                                "--version")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(version.getInputStream().readAllBytes());
        assertThat(version.waitFor()).isZero();
        assertThat(output).startsWith("mapwatch ").contains("JDK ").doesNotContain("serving");
        Process bad =
                new ProcessBuilder(
                                ChildJvm.javaHome().resolve("bin/java").toString(),
                                "-jar",
                                ChildJvm.agentJar().toString(),
                                "--no-such-option")
                        .start();
        String error = new String(bad.getErrorStream().readAllBytes());
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(error.lines())
                .containsExactly(
                        "mapwatch: Unknown option: '--no-such-option' (see 'mapwatch --help')");
    }

    @Test
    void theJarRunsTheQuickBenchOnItsRelocatedMaps() {
        Cli.Result result =
                Cli.run("bench", "--quick", "--slice", "2ms", "--threads", "1", "--format", "json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        for (String map :
                List.of("RAW_CHM", "CONCURRENT", "SYNC_MAP", "LOCKED", "STRIPED", "SNAPSHOT")) {
            assertThat(result.out()).contains("\"map\": \"" + map + "\"");
        }
        assertThat(result.out())
                .containsPattern("\"pick\": \"(CONCURRENT|SYNC_MAP|LOCKED|STRIPED|SNAPSHOT)\"");
    }
}
