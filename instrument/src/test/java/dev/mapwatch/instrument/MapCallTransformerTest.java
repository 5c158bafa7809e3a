package dev.mapwatch.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.bootstrap.MapSites;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class MapCallTransformerTest {

    private final Map<String, Throwable> failures = new LinkedHashMap<>();
    private final ClassLoader app = getClass().getClassLoader();

    private MapCallTransformer transformer(String packages) {
        return new MapCallTransformer(
                MapsSelection.parse(packages), MapSites::register, failures::put);
    }

    @Test
    void classesOutsideTheSelectionComeBackUnchanged() throws Exception {
        MapCallTransformer transformer = transformer("com.example");
        List<byte[]> classes = classesOf(com.google.common.collect.ImmutableMap.class);
        for (byte[] classFile : classes) {
            String name = new ClassReader(classFile).getClassName();
            assertThat(transformer.transform(app, name, null, null, classFile)).as(name).isNull();
        }
        assertThat(classes).hasSizeGreaterThan(1000);
        assertThat(transformer.seen.sum()).isZero();
    }

    @Test
    void theJdkMapwatchAndTheBootstrapLoaderAreNeverTransformed() throws IOException {
        MapCallTransformer transformer = transformer("com.google.common");
        byte[] shop = MapCallRewriterTest.bytes("dev.mapwatch.instrument.fixture.Shop");
        assertThat(
                        transformer.transform(
                                app, "dev/mapwatch/instrument/fixture/Shop", null, null, shop))
                .isNull();
        assertThat(transformer.transform(null, "com/google/common/collect/Maps", null, null, shop))
                .isNull();
        assertThat(
                        transformer.transform(
                                ClassLoader.getPlatformClassLoader(),
                                "com/google/common/collect/Maps",
                                null,
                                null,
                                shop))
                .isNull();
        assertThat(transformer.seen.sum()).isZero();
    }

    @Test
    void everyClassOfGuavaRewritesAndTheRewrittenOnesVerify() throws Exception {
        MapCallTransformer transformer = transformer("com.google.common");
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        List<byte[]> classes = classesOf(com.google.common.collect.ImmutableMap.class);
        for (byte[] classFile : classes) {
            String name = new ClassReader(classFile).getClassName();
            byte[] out = transformer.transform(app, name, null, null, classFile);
            rewritten.put(name.replace('/', '.'), out == null ? classFile : out);
        }
        assertThat(failures).isEmpty();
        assertThat(transformer.seen.sum())
                .as("all but com.google.thirdparty")
                .isEqualTo(
                        rewritten.keySet().stream()
                                .filter(n -> n.startsWith("com.google.common."))
                                .count());
        assertThat(transformer.transformed.sum())
                .as("classes with counted calls")
                .isGreaterThan(90);
        // Define them all in a loader of their own and link each rewritten one: the JVM's verifier
        // checks the rewritten bodies against the class's own stack map frames (Java 8 class
        // files).
        ClassLoader loader =
                new ClassLoader(app) {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve)
                            throws ClassNotFoundException {
                        synchronized (getClassLoadingLock(name)) {
                            byte[] code = rewritten.get(name);
                            if (code == null) {
                                return super.loadClass(name, resolve);
                            }
                            Class<?> loaded = findLoadedClass(name);
                            return loaded != null
                                    ? loaded
                                    : defineClass(name, code, 0, code.length);
                        }
                    }
                };
        List<String> verifyErrors = new ArrayList<>();
        int linked = 0;
        for (Map.Entry<String, byte[]> entry : rewritten.entrySet()) {
            try {
                Class.forName(entry.getKey(), true, loader);
                linked++;
            } catch (VerifyError e) {
                verifyErrors.add(entry.getKey() + ": " + e.getMessage());
            } catch (LinkageError | RuntimeException e) {
                // an optional dependency missing, or a static initializer that wants its
                // environment
            }
        }
        assertThat(verifyErrors).isEmpty();
        assertThat(linked).isGreaterThan(1000);
    }

    @Test
    void aClassThatCannotBeRewrittenIsLeftAsItWasCountedAndReported() {
        // A method just under the JVM's 64 KiB limit (9 bytes per call, each on its own line): the
        // rewrite
        // turns INVOKEINTERFACE (5 bytes) into SIPUSH id + INVOKESTATIC (6 bytes) for ids >= 128.
        byte[] huge = classWithMapCalls("com/example/Huge", Opcodes.V17, 7_200);
        MapCallTransformer transformer = transformer("com.example");
        assertThat(transformer.transform(app, "com/example/Huge", null, null, huge)).isNull();
        assertThat(transformer.failed.sum()).isEqualTo(1);
        assertThat(failures).containsOnlyKeys("com/example/Huge");
        assertThat(failures.get("com/example/Huge")).hasMessageContaining("too large");
    }

    @Test
    void classFilesFromJava5ToJava25AreRewritten() throws Exception {
        MapCallTransformer transformer = transformer("com.example");
        for (int version :
                new int[] {
                    Opcodes.V1_5,
                    Opcodes.V1_6,
                    Opcodes.V1_7,
                    Opcodes.V1_8,
                    Opcodes.V11,
                    Opcodes.V17,
                    Opcodes.V21,
                    Opcodes.V25
                }) {
            String name = "com/example/Version" + (version & 0xFFFF);
            byte[] out =
                    transformer.transform(
                            app, name, null, null, classWithMapCalls(name, version, 3));
            assertThat(out).as(name).isNotNull();
            assertThat(new ClassReader(out).readShort(6)).isEqualTo((short) (version & 0xFFFF));
            // invokedynamic from Java 7 (major 51) on: the bootstrap class is then in the pool
            assertThat(
                            new String(out, java.nio.charset.StandardCharsets.ISO_8859_1)
                                    .contains("dev/mapwatch/bootstrap/SiteLink"))
                    .as(name + " links its sites by invokedynamic")
                    .isEqualTo((version & 0xFFFF) >= 51);
            if ((version & 0xFFFF) - 44 <= Runtime.version().feature()) {
                Class<?> loaded =
                        new ClassLoader(app) {
                            Class<?> define() {
                                return defineClass(name.replace('/', '.'), out, 0, out.length);
                            }
                        }.define();
                Object result =
                        loaded.getMethod("run", Map.class)
                                .invoke(null, new java.util.concurrent.ConcurrentHashMap<>());
                assertThat(result).isNull();
            }
        }
        assertThat(failures).isEmpty();
    }

    /** {@code public static Object run(Map m)} calling {@code m.get(key)} {@code calls} times, then returning null. */
    private static byte[] classWithMapCalls(String name, int version, int calls) {
        ClassWriter writer =
                new ClassWriter(
                        ClassWriter.COMPUTE_MAXS
                                | ((version & 0xFFFF) >= 50 ? ClassWriter.COMPUTE_FRAMES : 0));
        writer.visit(
                version,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
                name,
                null,
                "java/lang/Object",
                null);
        MethodVisitor run =
                writer.visitMethod(
                        Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                        "run",
                        "(Ljava/util/Map;)Ljava/lang/Object;",
                        null,
                        null);
        run.visitCode();
        for (int i = 0; i < calls; i++) {
            org.objectweb.asm.Label line = new org.objectweb.asm.Label();
            run.visitLabel(line);
            run.visitLineNumber(
                    i + 1, line); // a name, and so an id, per call: most ids take SIPUSH (3 bytes)
            run.visitVarInsn(Opcodes.ALOAD, 0);
            run.visitLdcInsn("key");
            run.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/Map",
                    "get",
                    "(Ljava/lang/Object;)Ljava/lang/Object;",
                    true);
            run.visitInsn(Opcodes.POP);
        }
        run.visitInsn(Opcodes.ACONST_NULL);
        run.visitInsn(Opcodes.ARETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static List<byte[]> classesOf(Class<?> member) throws IOException, URISyntaxException {
        Path jar = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<byte[]> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class")
                        && !entry.getName().contains("module-info")
                        && !entry.getName().startsWith("META-INF/")) {
                    classes.add(file.getInputStream(entry).readAllBytes());
                }
            }
        }
        return classes;
    }
}
