package dev.mapwatch.instrument;

import dev.mapwatch.bootstrap.CacheBuilds;
import dev.mapwatch.maps.Counting;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Counting the application's own concurrent maps, no code change needed: the call sites of the
 * selected packages are rewritten to pass through the counting helpers of the bootstrap jar.
 *
 * <pre>{@code
 * MapsInstrumentation maps = MapsInstrumentation.install(instrumentation, MapsSelection.parse("com.acme"),
 *         Counting.EXACT, (className, cause) -> log(...));
 * maps.retransformLoaded();   // after a dynamic attach: classes loaded before now
 * }</pre>
 *
 * <p>{@link #install} appends the bootstrap jar, sets the mode every call site counts in ({@link
 * Counting}: exact, sampled or off; sizes are tracked in every mode), loads everything the
 * transformer needs by rewriting a class of its own (so no application class load waits for ASM
 * to load), then registers the transformer. Classes loaded from then on are rewritten as they
 * load; {@link #retransformLoaded} rewrites those already loaded (method bodies only; the JVM
 * deoptimises code compiled from their old bodies, so an attach costs some re-warming of those
 * methods).
 */
public final class MapsInstrumentation implements AutoCloseable {

    /** Told about a class that could not be rewritten; it is left exactly as it was. */
    public interface FailureListener {
        /** Called once per failed class, on the thread that loads or retransforms it. */
        void failed(String className, Throwable cause);
    }

    /** Classes retransformed per {@link Instrumentation#retransformClasses} call. */
    private static final int BATCH = 64;

    private final Instrumentation instrumentation;
    private final MapsSelection selection;
    private final Counting counting;
    private final MapCallTransformer transformer;
    private final BootstrapSites sites;
    private final FailureListener onFailure;
    private volatile String state = "active";

    private MapsInstrumentation(
            Instrumentation instrumentation,
            MapsSelection selection,
            Counting counting,
            MapCallTransformer transformer,
            BootstrapSites sites,
            FailureListener onFailure) {
        this.instrumentation = instrumentation;
        this.onFailure = onFailure;
        this.selection = selection;
        this.counting = counting;
        this.transformer = transformer;
        this.sites = sites;
    }

    /**
     * Appends the bootstrap jar, makes every call site count as {@code counting} says, and registers
     * the transformer for the classes of {@code selection}. {@link Counting#SAMPLED} starts the
     * sampler thread {@code mapwatch-sampler} now, on the calling thread; if it cannot start, the
     * sites count exactly ({@link #status()} says so).
     *
     * @throws IOException when the bootstrap jar cannot be written or appended (nothing registered)
     */
    public static MapsInstrumentation install(
            Instrumentation instrumentation,
            MapsSelection selection,
            Counting counting,
            FailureListener onFailure)
            throws IOException {
        return install(instrumentation, selection, counting, onFailure, line -> {});
    }

    /**
     * As {@link #install(Instrumentation, MapsSelection, Counting, FailureListener)}, also counting
     * the Caffeine and Guava caches the selected code builds ({@code dev.mapwatch.bootstrap.CacheBuilds});
     * {@code cacheNotes} is told, once per reason, about a cache library version that cannot be
     * hooked, whose caches then run as they are, uncounted.
     */
    public static MapsInstrumentation install(
            Instrumentation instrumentation,
            MapsSelection selection,
            Counting counting,
            FailureListener onFailure,
            Consumer<String> cacheNotes)
            throws IOException {
        BootstrapJar.appendOnce(instrumentation);
        CacheBuilds.install(CacheHooksJar.classes(), cacheNotes);
        BootstrapSites sites = new BootstrapSites();
        Counting actual = sites.count(counting);
        warmUp();
        MapCallTransformer transformer = new MapCallTransformer(selection, sites, onFailure);
        instrumentation.addTransformer(
                transformer, instrumentation.isRetransformClassesSupported());
        return new MapsInstrumentation(
                instrumentation, selection, actual, transformer, sites, onFailure);
    }

    /**
     * Rewrites one class file as the transformer does, its sites registered in the bootstrap
     * registry ({@code dev.mapwatch.bootstrap.MapSites}, which must be loadable); null when it has
     * no counted call. For benchmarks and tools: the agent itself goes through {@link #install}.
     */
    public static byte[] rewrite(byte[] classFile) {
        return MapCallRewriter.rewrite(classFile, new BootstrapSites());
    }

    /** Rewrites a class of this module once, so ASM's classes are loaded before any application's. */
    private static void warmUp() throws IOException {
        try (InputStream in = MapsInstrumentation.class.getResourceAsStream("WarmUp.class")) {
            if (in == null) {
                throw new IOException("WarmUp.class missing from the agent jar");
            }
            if (MapCallRewriter.rewrite(in.readAllBytes(), name -> 0) == null) {
                throw new IllegalStateException("the warm-up class has no counted call");
            }
        }
    }

    /**
     * Rewrites the already loaded classes of the selected packages (after a dynamic attach): their
     * maps are counted from now on. A class the JVM refuses to retransform is left as it was and
     * counted as failed.
     *
     * @return the number of classes offered for retransformation
     */
    public int retransformLoaded() {
        if (!instrumentation.isRetransformClassesSupported()) {
            return 0;
        }
        state = "retransforming";
        try {
            return retransformSelected();
        } finally {
            state = "active";
        }
    }

    private int retransformSelected() {
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!type.isArray()
                    && !type.isPrimitive()
                    && !type.isHidden()
                    && instrumentation.isModifiableClass(type)
                    && transformer.selects(
                            type.getClassLoader(), type.getName().replace('.', '/'))) {
                targets.add(type);
            }
        }
        for (int from = 0; from < targets.size(); from += BATCH) {
            List<Class<?>> batch = targets.subList(from, Math.min(targets.size(), from + BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Throwable batchFailed) {
                batch.forEach(
                        this::retransformAlone); // find the one that fails; the others go through
            }
        }
        return targets.size();
    }

    private void retransformAlone(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
        } catch (Throwable t) {
            transformer.failed.increment(); // the JVM refused it: the class stays as it was
            try {
                onFailure.failed(type.getName(), t);
            } catch (Throwable ignored) {
                // as in MapCallTransformer: the listener never turns a contained failure into one
            }
        }
    }

    /** What was examined, rewritten and refused so far, and the time it took. */
    public InstrumentationStatus status() {
        return new InstrumentationStatus(
                selection.toString(),
                counting,
                state,
                transformer.seen.sum(),
                transformer.transformed.sum(),
                transformer.failed.sum(),
                Duration.ofNanos(transformer.nanos.sum()),
                sites.names(),
                CacheBuilds.hooked(),
                CacheBuilds.unsupported());
    }

    /** Stops rewriting classes that load from now on; rewritten classes keep counting. */
    @Override
    public void close() {
        state = "stopped";
        instrumentation.removeTransformer(transformer);
    }
}
