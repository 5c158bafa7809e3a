package dev.mapwatch.instrument;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Which calls are rewritten, and to which helper of {@code dev.mapwatch.bootstrap.MapCalls}.
 *
 * <p>A call is rewritten when its static receiver type is one through which a concurrent map can
 * be reached ({@code Map}, {@code ConcurrentMap}, {@code ConcurrentHashMap}, ...: {@link #OWNERS})
 * and its method is one of the counted operations ({@link #HELPERS}). Whether the receiver really
 * is a concurrent map is decided at run time by the helper, so a {@code Map} that holds a {@code
 * HashMap} costs a class compare and counts nothing. Calls through {@code HashMap}, {@code TreeMap}
 * or an application's own map type are left alone.
 */
final class CountedCalls {

    /** The internal name of the helper class on the bootstrap class path. */
    static final String HELPER = "dev/mapwatch/bootstrap/MapCalls";

    static final Set<String> OWNERS = Set.of(
            "java/util/Map", "java/util/SortedMap", "java/util/NavigableMap", "java/util/AbstractMap",
            "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentNavigableMap",
            "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentSkipListMap");

    /** Every name of {@link #OWNERS} starts with one of these (for a byte search of a class file). */
    static final List<String> OWNER_PREFIXES = List.of(
            "java/util/Map", "java/util/SortedMap", "java/util/NavigableMap", "java/util/AbstractMap",
            "java/util/concurrent/Concurrent");

    private static final String O = "Ljava/lang/Object;";
    private static final String F = "Ljava/util/function/Function;";
    private static final String BF = "Ljava/util/function/BiFunction;";

    /** Method name + descriptor of the map method, to the helper's descriptor. */
    static final Map<String, String> HELPERS = Map.ofEntries(
            op("get", "(" + O + ")" + O),
            op("getOrDefault", "(" + O + O + ")" + O),
            op("containsKey", "(" + O + ")Z"),
            op("put", "(" + O + O + ")" + O),
            op("putIfAbsent", "(" + O + O + ")" + O),
            op("remove", "(" + O + ")" + O),
            op("remove", "(" + O + O + ")Z"),
            op("replace", "(" + O + O + ")" + O),
            op("replace", "(" + O + O + O + ")Z"),
            op("computeIfAbsent", "(" + O + F + ")" + O),
            op("computeIfPresent", "(" + O + BF + ")" + O),
            op("compute", "(" + O + BF + ")" + O),
            op("merge", "(" + O + O + BF + ")" + O));

    private CountedCalls() {
    }

    private static Map.Entry<String, String> op(String name, String descriptor) {
        // The helper takes the receiver first and the site id last: the same operands plus one int.
        String helper = "(Ljava/util/Map;" + descriptor.substring(1, descriptor.indexOf(')')) + "I"
                + descriptor.substring(descriptor.indexOf(')'));
        return Map.entry(name + descriptor, helper);
    }

    /** Whether a call instruction is one to rewrite. */
    static boolean counted(int opcode, String owner, String name, String descriptor) {
        return (opcode == Opcodes.INVOKEINTERFACE || opcode == Opcodes.INVOKEVIRTUAL)
                && OWNERS.contains(owner)
                && HELPERS.containsKey(name + descriptor);
    }

    static boolean counted(MethodInsnNode call) {
        return counted(call.getOpcode(), call.owner, call.name, call.desc);
    }

    /** The helper's descriptor for a counted call. */
    static String helperDescriptor(MethodInsnNode call) {
        return HELPERS.get(call.name + call.desc);
    }

    /** How many operands the call takes besides the receiver. */
    static int argumentCount(MethodInsnNode call) {
        return Type.getArgumentCount(call.desc);
    }
}
