package dev.mapwatch.instrument;

import dev.mapwatch.bootstrap.CacheBuilds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Which calls are counted, and by which helper on the bootstrap class path.
 *
 * <p>A call is counted when its static receiver type is one through which a concurrent map can be
 * reached ({@code Map}, {@code ConcurrentMap}, {@code ConcurrentHashMap}, ...: {@link #OWNERS})
 * and its method is one of the counted operations ({@link #OPERATIONS}). Whether the receiver
 * really is a concurrent map is decided at run time by the helper, so a {@code Map} that holds a
 * {@code HashMap} costs a class compare and counts nothing. Calls through {@code HashMap}, {@code
 * TreeMap} or an application's own map type are left alone.
 */
final class CountedCalls {

    /** Counts what a kept call returned: {@code dev.mapwatch.bootstrap.CallResults}. */
    static final String RESULTS = "dev/mapwatch/bootstrap/CallResults";

    /** Links a kept call's counting per site ({@code invokedynamic}): {@code dev.mapwatch.bootstrap.SiteLink}. */
    static final String LINKS = "dev/mapwatch/bootstrap/SiteLink";

    /** Wraps, counts and times a kept call's function: {@code dev.mapwatch.bootstrap.MapFunctions}. */
    static final String FUNCTIONS = "dev/mapwatch/bootstrap/MapFunctions";

    /** Hooks the cache builds: {@code dev.mapwatch.bootstrap.CacheBuilds}. */
    static final String CACHE_BUILDS = "dev/mapwatch/bootstrap/CacheBuilds";

    /**
     * The cache builder classes whose {@code build*} calls are counted (Caffeine's, Guava's), as
     * internal names. Read from the bootstrap class at run time, not written here: the agent jar
     * relocates every {@code com.google} string of its own classes, and these must stay the
     * application's names.
     */
    static final List<String> CACHE_BUILDERS = CacheBuilds.builderClasses();

    /** Counts Spring's cache lookups: {@code dev.mapwatch.bootstrap.SpringCaches}. */
    static final String SPRING_CACHES = "dev/mapwatch/bootstrap/SpringCaches";

    /** Spring's cache abstraction: {@code org.springframework.cache.Cache}. */
    static final String SPRING_CACHE = "org/springframework/cache/Cache";

    /**
     * Where Spring's {@code @Cacheable} calls its caches: counted whenever {@code maps=} is given,
     * as the annotated code in the selected packages never calls the cache itself.
     */
    static final String SPRING_INTERCEPTOR = "org/springframework/cache/interceptor/";

    private static final Set<String> SPRING_GETS =
            Set.of(
                    "get(Ljava/lang/Object;)Lorg/springframework/cache/Cache$ValueWrapper;",
                    "get(Ljava/lang/Object;Ljava/lang/Class;)Ljava/lang/Object;",
                    "get(Ljava/lang/Object;Ljava/util/concurrent/Callable;)Ljava/lang/Object;");

    /** Which calls of a class are rewritten. */
    enum Scope {
        /** Every counted call: a class of the {@code maps=} packages. */
        ALL,
        /** Only the lookups of Spring caches: Spring's own {@link #SPRING_INTERCEPTOR}. */
        SPRING_CACHES;

        boolean rewrites(int opcode, String owner, String name, String descriptor) {
            return springCacheLookup(opcode, owner, name, descriptor)
                    || (this == ALL && rewritten(opcode, owner, name, descriptor));
        }

        boolean rewrites(MethodInsnNode call) {
            return rewrites(call.getOpcode(), call.owner, call.name, call.desc);
        }
    }

    /** Whole calls with a function, where no handler of our own can be framed: {@code dev.mapwatch.bootstrap.MapCalls}. */
    static final String WHOLE_CALLS = "dev/mapwatch/bootstrap/MapCalls";

    static final Set<String> OWNERS =
            Set.of(
                    "java/util/Map",
                    "java/util/SortedMap",
                    "java/util/NavigableMap",
                    "java/util/AbstractMap",
                    "java/util/concurrent/ConcurrentMap",
                    "java/util/concurrent/ConcurrentNavigableMap",
                    "java/util/concurrent/ConcurrentHashMap",
                    "java/util/concurrent/ConcurrentSkipListMap");

    /**
     * Every name of {@link #OWNERS} and {@link #CACHE_BUILDERS} starts with one of these (for a byte
     * search of a class file).
     */
    static final List<String> OWNER_PREFIXES = ownerPrefixes();

    private static final String O = "Ljava/lang/Object;";
    private static final String F = "Ljava/util/function/Function;";
    private static final String BF = "Ljava/util/function/BiFunction;";
    private static final String MAP = "Ljava/util/Map;";

    /**
     * How a counted operation is counted.
     *
     * @param name          the map method's name
     * @param descriptor    the map method's descriptor
     * @param wrap          for a call with a function, the {@link #FUNCTIONS} method that wraps it
     *                      ({@code (Map, function, int) function}); null for the others
     * @param count         the method that counts the call's result: {@link #RESULTS}'s {@code (Map, result,
     *                      [default,] int) result}, or {@link #FUNCTIONS}' {@code (result, Object) result}
     * @param keepsArgument the index of an argument {@code count} also takes (getOrDefault's default), or -1
     */
    record Operation(String name, String descriptor, String wrap, String count, int keepsArgument) {

        boolean takesFunction() {
            return wrap != null;
        }

        Type returnType() {
            return Type.getReturnType(descriptor);
        }

        /** {@code count}'s descriptor. */
        String countDescriptor() {
            String r = returnType().getDescriptor();
            if (takesFunction()) {
                return "(" + O + O + ")" + O;
            }
            return "(" + MAP + r + (keepsArgument >= 0 ? O : "") + "I)" + r;
        }

        /** {@code wrap}'s descriptor. */
        String wrapDescriptor() {
            Type[] arguments = Type.getArgumentTypes(descriptor);
            String function = arguments[arguments.length - 1].getDescriptor();
            return "(" + MAP + function + "I)" + function;
        }

        /** The descriptor of {@link #WHOLE_CALLS}' helper: the same operands, receiver first, plus the site id. */
        String wholeCallDescriptor() {
            return "("
                    + MAP
                    + descriptor.substring(1, descriptor.indexOf(')'))
                    + "I"
                    + descriptor.substring(descriptor.indexOf(')'));
        }
    }

    static final Map<String, Operation> OPERATIONS =
            operations(
                    new Operation("get", "(" + O + ")" + O, null, "get", -1),
                    new Operation("getOrDefault", "(" + O + O + ")" + O, null, "getOrDefault", 1),
                    new Operation("containsKey", "(" + O + ")Z", null, "containsKey", -1),
                    new Operation("put", "(" + O + O + ")" + O, null, "put", -1),
                    new Operation("putIfAbsent", "(" + O + O + ")" + O, null, "putIfAbsent", -1),
                    new Operation("remove", "(" + O + ")" + O, null, "remove", -1),
                    new Operation("remove", "(" + O + O + ")Z", null, "remove", -1),
                    new Operation("replace", "(" + O + O + ")" + O, null, "replace", -1),
                    new Operation("replace", "(" + O + O + O + ")Z", null, "replace", -1),
                    new Operation("computeIfAbsent", "(" + O + F + ")" + O, "loader", "loaded", -1),
                    new Operation(
                            "computeIfPresent", "(" + O + BF + ")" + O, "remapper", "remapped", -1),
                    new Operation("compute", "(" + O + BF + ")" + O, "remapper", "remapped", -1),
                    new Operation("merge", "(" + O + O + BF + ")" + O, "merger", "remapped", -1));

    private CountedCalls() {}

    private static List<String> ownerPrefixes() {
        List<String> prefixes = new java.util.ArrayList<>();
        prefixes.addAll(
                List.of(
                        "java/util/Map",
                        "java/util/SortedMap",
                        "java/util/NavigableMap",
                        "java/util/AbstractMap",
                        "java/util/concurrent/Concurrent"));
        prefixes.addAll(CACHE_BUILDERS);
        prefixes.add(SPRING_CACHE);
        return List.copyOf(prefixes);
    }

    /** Whether a call instruction is one to rewrite. */
    static boolean counted(int opcode, String owner, String name, String descriptor) {
        return (opcode == Opcodes.INVOKEINTERFACE || opcode == Opcodes.INVOKEVIRTUAL)
                && OWNERS.contains(owner)
                && OPERATIONS.containsKey(name + descriptor);
    }

    static boolean counted(MethodInsnNode call) {
        return counted(call.getOpcode(), call.owner, call.name, call.desc);
    }

    /** Whether a call builds a cache: {@code build*} of a {@linkplain #CACHE_BUILDERS builder}. */
    static boolean buildsCache(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL
                && name.startsWith("build")
                && descriptor.endsWith(";")
                && CACHE_BUILDERS.contains(owner);
    }

    static boolean buildsCache(MethodInsnNode call) {
        return buildsCache(call.getOpcode(), call.owner, call.name, call.desc);
    }

    /** Whether a call looks a key up in a Spring cache: {@code Cache.get(key[, type | loader])}. */
    static boolean springCacheLookup(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEINTERFACE
                && owner.equals(SPRING_CACHE)
                && SPRING_GETS.contains(name + descriptor);
    }

    static boolean springCacheLookup(MethodInsnNode call) {
        return springCacheLookup(call.getOpcode(), call.owner, call.name, call.desc);
    }

    /** Whether a call is one to rewrite: a counted map call or a cache build. */
    static boolean rewritten(int opcode, String owner, String name, String descriptor) {
        return counted(opcode, owner, name, descriptor)
                || buildsCache(opcode, owner, name, descriptor)
                || springCacheLookup(opcode, owner, name, descriptor);
    }

    /** The operation of a counted call. */
    static Operation operation(MethodInsnNode call) {
        return OPERATIONS.get(call.name + call.desc);
    }

    private static Map<String, Operation> operations(Operation... all) {
        Map<String, Operation> byKey = new HashMap<>();
        for (Operation op : all) {
            byKey.put(op.name() + op.descriptor(), op);
        }
        return Map.copyOf(byKey);
    }

    /** How many operands the call takes besides the receiver. */
    static int argumentCount(MethodInsnNode call) {
        return Type.getArgumentCount(call.desc);
    }
}
