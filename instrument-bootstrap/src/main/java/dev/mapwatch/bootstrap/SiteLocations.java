package dev.mapwatch.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each rewritten map call site is in the application's code: class, method (name and
 * descriptor) and source line, with the name of the site. The rewriter {@linkplain #register
 * registers} every site it rewrites; the agent {@linkplain #nameAt looks up} the frame of a JFR
 * event's stack trace (a thread blocked in a map's bin lock) to name the map it waited on. Nothing
 * here runs on a map call: registration happens while a class is rewritten, look-ups on the
 * agent's JFR thread.
 *
 * <p>Two sites of different names at one location (two maps called on one line, or a class
 * without line numbers) make that location {@linkplain #AMBIGUOUS ambiguous}: it names no map, so
 * an event there stays on its lock's class row, never on a wrong map.
 *
 * <p>Memory: one entry per rewritten call site (the same as {@link MapSites}' names, at most).
 * Lives on the bootstrap class path, so there is one registry per JVM.
 */
public final class SiteLocations {

    /** What {@link #nameAt} returns for a location where sites of several names are. */
    public static final String AMBIGUOUS = "\u0000ambiguous";

    private static final ConcurrentHashMap<Place, String> NAMES = new ConcurrentHashMap<>();

    /** A place in the code: class (binary name, dots), method name and descriptor, line (-1: unknown). */
    private record Place(String className, String method, String descriptor, int line) {}

    /**
     * A registered location and the name of its site ({@link #AMBIGUOUS} when several).
     *
     * @param className binary name, with dots
     */
    public record Location(
            String className, String method, String descriptor, int line, String site) {}

    private SiteLocations() {}

    /**
     * Records that a call site named {@code site} is at {@code line} (-1: unknown) of the method
     * {@code method}{@code descriptor} of the class {@code className} (binary name, dots or
     * slashes).
     */
    public static void register(
            String className, String method, String descriptor, int line, String site) {
        NAMES.merge(
                key(className, method, descriptor, line),
                site,
                (known, added) -> known.equals(added) ? known : AMBIGUOUS);
    }

    /**
     * The site name registered at that location; {@link #AMBIGUOUS} when sites of several names are
     * there; null when none is.
     */
    public static String nameAt(String className, String method, String descriptor, int line) {
        return NAMES.get(key(className, method, descriptor, line));
    }

    /** The number of locations registered. */
    public static int size() {
        return NAMES.size();
    }

    /** Every location registered so far (a copy; for the agent's thread, not the application's). */
    public static List<Location> snapshot() {
        List<Location> all = new ArrayList<>(NAMES.size());
        for (Map.Entry<Place, String> entry : NAMES.entrySet()) {
            Place p = entry.getKey();
            all.add(
                    new Location(
                            p.className(), p.method(), p.descriptor(), p.line(), entry.getValue()));
        }
        return all;
    }

    private static Place key(String className, String method, String descriptor, int line) {
        return new Place(className.replace('/', '.'), method, descriptor, Math.max(line, -1));
    }
}
