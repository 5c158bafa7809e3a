package dev.mapwatch.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * The {@link ClassFileTransformer}: rewrites the classes of the selected packages with {@link
 * MapCallRewriter} and contains every failure. A class outside the selection, of the bootstrap or
 * platform class loader, or a lambda proxy is returned untouched ({@code null}) after one string
 * comparison; a class that fails is left as it was, counted and reported to the failure listener.
 *
 * <p>The transform never loads a class: ASM and the bootstrap helper are loaded before the
 * transformer is registered (see {@link MapsInstrumentation}), and the rewrite needs no type
 * hierarchy.
 */
final class MapCallTransformer implements ClassFileTransformer {

    private final MapsSelection selection;
    private final ToIntFunction<String> siteIds;
    private final MapsInstrumentation.FailureListener onFailure;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    final LongAdder seen = new LongAdder();
    final LongAdder transformed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder nanos = new LongAdder();

    MapCallTransformer(
            MapsSelection selection,
            ToIntFunction<String> siteIds,
            MapsInstrumentation.FailureListener onFailure) {
        this.selection = selection;
        this.siteIds = siteIds;
        this.onFailure = onFailure;
    }

    /** Whether a class of this loader and name is one to rewrite. */
    boolean selects(ClassLoader loader, String className) {
        return loader != null
                && loader != platform
                && className != null
                && scope(className) != null
                && !className.contains("$$Lambda");
    }

    /**
     * Which calls of the class {@code className} are rewritten: all in the selected packages; the
     * Spring cache lookups in Spring's {@code @Cacheable} interceptor, whenever any package is
     * selected; none elsewhere (null).
     */
    private CountedCalls.Scope scope(String className) {
        if (selection.covers(className)) {
            return CountedCalls.Scope.ALL;
        }
        if (!selection.isEmpty()
                && !selection.ownDemo()
                && className.startsWith(CountedCalls.SPRING_INTERCEPTOR)) {
            return CountedCalls.Scope.SPRING_CACHES;
        }
        return null;
    }

    @Override
    public byte[] transform(
            ClassLoader loader,
            String className,
            Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain,
            byte[] classfileBuffer) {
        if (!selects(loader, className)) {
            return null;
        }
        long start = System.nanoTime();
        seen.increment();
        try {
            byte[] rewritten = MapCallRewriter.rewrite(classfileBuffer, siteIds, scope(className));
            if (rewritten != null) {
                transformed.increment();
            }
            return rewritten;
        } catch (Throwable t) {
            failed.increment();
            try {
                onFailure.failed(className, t);
            } catch (Throwable ignored) {
                // the listener must not turn a contained failure into one for the host
            }
            return null;
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }
}
