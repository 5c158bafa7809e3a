package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.MapCounters;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.List;

/**
 * One rewritten call site linked by {@code invokedynamic} (class files of Java 7 and later): an
 * inline cache of the receiver class the site saw, so that the JIT compiles each site's counting
 * with that site's own profile. The agent emits {@code invokedynamic <op>(map, result[, default])}
 * with the site's id as the bootstrap argument, in place of {@code CallResults.<op>(map, result[,
 * default], id)}, and {@link #link} binds it.
 *
 * <p>The target, once the site has seen a receiver of class {@code K}, is {@code map.getClass() ==
 * K ? (seen(map) ? count : see, count) : relink}, with {@code K}, the counters and the {@code
 * CallResults} method as constants and both tests through {@link MethodHandles#guardWithTest},
 * whose branch profile is kept per handle, that is per site. After the application's own call the
 * JIT knows the receiver's exact class there, so the class test folds away; a branch the site has
 * never taken (another class, another instance) compiles to a trap at that site only, however
 * often other sites take theirs. A shared static helper, by contrast, has one branch profile for
 * every site of the JVM (bench/RESULTS.md section 6 shows its slow paths compiled as calls in a
 * JVM that uses several map classes).
 *
 * <p>A site relinks when its receiver's class changes, which deoptimises the code compiled with
 * it; after {@value #MAX_LINKS} links it keeps {@code CallResults}' shared path, by id, for good.
 * Counting is as {@link CallResults} documents, into the same counters (by name and class).
 */
public final class SiteLink extends MutableCallSite {

    /** Links a site makes before it stays on the shared path. */
    static final int MAX_LINKS = 4;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle SAME_CLASS;
    private static final MethodHandle SEEN;
    private static final MethodHandle SEE;
    private static final MethodHandle RELINK;

    static {
        try {
            SAME_CLASS =
                    LOOKUP.findStatic(
                            SiteLink.class,
                            "sameClass",
                            MethodType.methodType(boolean.class, Class.class, Object.class));
            SEEN =
                    LOOKUP.findVirtual(
                            SiteCounters.class,
                            "seen",
                            MethodType.methodType(boolean.class, Object.class));
            SEE =
                    LOOKUP.findVirtual(
                            SiteCounters.class,
                            "see",
                            MethodType.methodType(void.class, Object.class));
            RELINK =
                    LOOKUP.findVirtual(
                            SiteLink.class,
                            "relink",
                            MethodType.methodType(void.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;

    /** {@code CallResults.<op>(MapCounters, result[, default])}: what a counted receiver counts. */
    private final MethodHandle count;

    /** {@code CallResults.<op>(map, result[, default], id)}: the shared path. */
    private final MethodHandle shared;

    /** Relinks for the receiver, then calls the new target. */
    private final MethodHandle relinking;

    private int links; // racy: at worst a few links more

    private SiteLink(String op, MethodType type, int id) throws ReflectiveOperationException {
        super(type);
        this.id = id;
        this.count =
                LOOKUP.findStatic(
                        CallResults.class, op, type.changeParameterType(0, MapCounters.class));
        this.shared =
                MethodHandles.insertArguments(
                        LOOKUP.findStatic(
                                CallResults.class, op, type.appendParameterTypes(int.class)),
                        type.parameterCount(),
                        id);
        this.relinking =
                MethodHandles.foldArguments(dynamicInvoker(), onReceiver(RELINK.bindTo(this)));
        setTarget(relinking);
    }

    /**
     * The bootstrap method of the agent's {@code invokedynamic} call sites.
     *
     * @param op   the {@link CallResults} method that counts the call's result ({@code get}, ...)
     * @param type its descriptor without the trailing site id: {@code (Map, result[, default])result}
     * @param id   the site's id from {@link MapSites#register}
     */
    public static CallSite link(MethodHandles.Lookup caller, String op, MethodType type, int id)
            throws ReflectiveOperationException {
        return new SiteLink(op, type, id);
    }

    private static boolean sameClass(Class<?> type, Object map) {
        return map.getClass() == type;
    }

    /** The site's receiver is not of the class it was linked for: link it for this one. */
    private void relink(Object map) {
        Class<?> type = map.getClass();
        Binding binding = MapSites.binding(id, type);
        if (++links > MAX_LINKS) {
            setTarget(shared);
            return;
        }
        MethodHandle forType;
        if (binding.ops() == null) {
            forType = passThrough();
        } else {
            binding.counters().see(map); // before the target: its first call finds map seen
            MethodHandle counting =
                    MethodHandles.dropArguments(
                            count.bindTo(binding.ops()), 0, type().parameterType(0));
            MethodHandle seeing =
                    MethodHandles.foldArguments(
                            counting, onReceiver(SEE.bindTo(binding.counters())));
            forType =
                    MethodHandles.guardWithTest(
                            onReceiver(SEEN.bindTo(binding.counters())), counting, seeing);
        }
        setTarget(
                MethodHandles.guardWithTest(
                        onReceiver(SAME_CLASS.bindTo(type)), forType, relinking));
    }

    /** The result, uncounted: {@code (map, result[, default]) -> result}. */
    private MethodHandle passThrough() {
        MethodType type = type();
        List<Class<?>> params = type.parameterList();
        MethodHandle result = MethodHandles.identity(type.returnType());
        result = MethodHandles.dropArguments(result, 0, params.get(0));
        return MethodHandles.dropArguments(result, 2, params.subList(2, params.size()));
    }

    /** {@code handle}, which takes an {@code Object}, as one taking this site's receiver type. */
    private MethodHandle onReceiver(MethodHandle handle) {
        return handle.asType(handle.type().changeParameterType(0, type().parameterType(0)));
    }

    /** How often this site was linked (for tests). */
    int links() {
        return links;
    }

    /** The site's id and how often it was linked. */
    @Override
    public String toString() {
        return "SiteLink[" + id + ", " + links + " links]";
    }
}
