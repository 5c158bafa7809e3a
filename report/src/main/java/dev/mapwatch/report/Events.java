package dev.mapwatch.report;

import dev.mapwatch.exporter.labels.ClassNames;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Reads event fields by name, tolerating recordings from other JDK versions or other versions of
 * mapwatch's events where a field is missing, and names classes and stack sites as people read
 * them.
 */
final class Events {
    /** Site of an event without a stack trace (stack traces disabled in the settings). */
    static final String NO_STACK_TRACE = "(no stack trace)";

    /** Class of an event whose class field is empty, e.g. a park without a blocker. */
    static final String NO_CLASS = "(none)";

    /** The agent's call-site helpers on the bootstrap class path: never the application's site. */
    private static final String AGENT_HELPERS = "dev.mapwatch.bootstrap.";

    private Events() {}

    static long longField(RecordedEvent event, String name) {
        return event.hasField(name) ? event.getLong(name) : 0;
    }

    /** A {@code @Timespan} field in nanoseconds, whatever unit the event declared. */
    static long nanosField(RecordedEvent event, String name) {
        return event.hasField(name) ? event.getDuration(name).toNanos() : 0;
    }

    static String stringField(RecordedEvent event, String name, String fallback) {
        if (!event.hasField(name)) {
            return fallback;
        }
        String value = event.getString(name);
        return value == null ? fallback : value;
    }

    /**
     * The class in field {@code name}, named as in Java source ({@code int[]}, not {@code [I}), and
     * as the live metrics' {@code class} label: generated classes without the addresses and
     * counters of one run ({@link ClassNames#stable}).
     */
    static String className(RecordedEvent event, String name) {
        RecordedClass type = event.hasField(name) ? event.getClass(name) : null;
        return type == null ? NO_CLASS : sourceName(ClassNames.stable(type.getName()));
    }

    static String sourceName(String binaryName) {
        if (!binaryName.startsWith("[")) {
            return binaryName;
        }
        int dims = 0;
        while (dims < binaryName.length() && binaryName.charAt(dims) == '[') {
            dims++;
        }
        String element =
                switch (binaryName.substring(dims)) {
                    case "Z" -> "boolean";
                    case "B" -> "byte";
                    case "C" -> "char";
                    case "S" -> "short";
                    case "I" -> "int";
                    case "J" -> "long";
                    case "F" -> "float";
                    case "D" -> "double";
                    default -> {
                        String rest = binaryName.substring(dims);
                        yield rest.startsWith("L") && rest.endsWith(";")
                                ? rest.substring(1, rest.length() - 1)
                                : rest;
                    }
                };
        return element + "[]".repeat(dims);
    }

    /**
     * Where the event happened: the top application frame (the first frame outside the JDK's own
     * packages, as {@code jfr view} names it, and outside the agent's call-site helpers, {@code
     * dev.mapwatch.bootstrap}, so that a counted map's site names the application's code, and past a
     * lambda's generated class, whose frame only forwards to the lambda's body); for a stack of JDK frames only (a pool thread
     * waiting for work), the first frame past the parking machinery, e.g.
     * {@code ThreadPoolExecutor.getTask}; as {@code Class.method:line}.
     */
    static String site(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return NO_STACK_TRACE;
        }
        RecordedFrame application = null;
        RecordedFrame pastParking = null;
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (pastParking == null && !isParkingMachinery(type, frame.getMethod().getName())) {
                pastParking = frame;
            }
            if (frame.isJavaFrame()
                    && !isJdkClass(type)
                    && !type.startsWith(AGENT_HELPERS)
                    && !type.contains("$$Lambda")) {
                application = frame;
                break;
            }
        }
        RecordedFrame chosen =
                application != null
                        ? application
                        : pastParking != null ? pastParking : stack.getFrames().get(0);
        return frameName(
                chosen.getMethod().getType().getName(),
                chosen.getMethod().getName(),
                chosen.getLineNumber());
    }

    /** A frame as the report names sites: {@code Class.method:line} (no line when unknown), the class as {@link ClassNames#stable}. */
    static String frameName(String type, String method, int line) {
        String where = ClassNames.stable(type) + "." + method;
        return line > 0 ? where + ":" + line : where;
    }

    private static boolean isParkingMachinery(String type, String method) {
        return type.equals("java.util.concurrent.ForkJoinPool") && method.endsWith("anagedBlock")
                || type.startsWith("jdk.internal.misc.")
                || type.startsWith("sun.misc.")
                || type.startsWith("java.util.concurrent.locks.")
                || type.equals("java.lang.Object")
                || type.startsWith("java.lang.VirtualThread")
                || type.equals("java.lang.Thread");
    }

    private static boolean isJdkClass(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    static long epochNanos(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
