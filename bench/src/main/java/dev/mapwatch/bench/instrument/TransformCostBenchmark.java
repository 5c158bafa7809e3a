package dev.mapwatch.bench.instrument;

import dev.mapwatch.instrument.MapsInstrumentation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@code maps=} costs per class as it loads: one operation rewrites (or, for a class without
 * a counted call, only scans) every class of a real code base, single-threaded; divide the time
 * per operation by the class count printed at setup. {@code caffeine}: the Caffeine jar on the
 * class path (third-party, about 800 classes); {@code java.util}: the JDK's {@code java.util}
 * package tree read from {@code jrt:/} (map-heavy code, never rewritten by the agent, used here only
 * as input).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TransformCostBenchmark {

    @Param({"caffeine", "java.util"})
    public String code;

    List<byte[]> classes;

    @Setup
    public void readClasses() throws Exception {
        classes =
                code.equals("caffeine")
                        ? jar(com.github.benmanes.caffeine.cache.Caffeine.class)
                        : javaUtil();
        int rewritten = 0;
        for (byte[] c : classes) {
            if (MapsInstrumentation.rewrite(c) != null) {
                rewritten++;
            }
        }
        System.out.println(
                "# "
                        + code
                        + ": "
                        + classes.size()
                        + " classes, "
                        + rewritten
                        + " with counted call sites");
    }

    @Benchmark
    public void rewriteAll(Blackhole bh) {
        for (byte[] c : classes) {
            bh.consume(MapsInstrumentation.rewrite(c));
        }
    }

    private static List<byte[]> jar(Class<?> member) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (JarFile jar =
                new JarFile(
                        Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI())
                                .toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                if (e.getName().endsWith(".class") && !e.getName().contains("module-info")) {
                    out.add(jar.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    private static List<byte[]> javaUtil() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base/java/util"))) {
            for (Path p :
                    (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
