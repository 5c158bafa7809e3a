package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which map a JFR event on a map's internals belongs to, from its stack trace: the frame that
 * called the map is a rewritten call site ({@link MapSiteResolver}: class, method, line), whatever
 * the map did inside. Nothing is added to the map's hot path: all of it runs on the JFR thread,
 * once per event above the threshold (a walk of at most the recorded frames and one look-up).
 *
 * <p>The walk, top first: frames above the map are skipped (a park's {@code LockSupport} and
 * {@code Unsafe}; for a pinned virtual thread, the mapping function it ran), up to the first
 * {@code ConcurrentHashMap} frame; then the map's own frames (any {@code
 * java.util.concurrent.ConcurrentHashMap*} class, whichever of its methods the JDK version locks
 * in) and mapwatch's helpers ({@code dev.mapwatch.*}, e.g. the call-site helpers of the bootstrap
 * jar between the map and the site) are skipped; the next frame is the call site. No map when that
 * frame is no known site, is ambiguous (two maps at one line), or lies beyond the recorded depth
 * (JFR's {@code stackdepth}, 64 by default, is JVM-wide): the event then only counts on its lock's
 * class row, never on a wrong map.
 */
public final class MapAttribution {

    private static final String MAP_INTERNALS = "java.util.concurrent.ConcurrentHashMap";
    private static final String MAPWATCH = "dev.mapwatch.";

    private final MapSiteResolver sites;

    MapAttribution(MapSiteResolver sites) {
        this.sites = sites;
    }

    /** Attribution to the maps that {@code sites} names at their call sites. */
    public static MapAttribution of(MapSiteResolver sites) {
        return new MapAttribution(sites);
    }

    /** Whether a lock of class {@code className} is a map's internal lock (a bin's node, a {@code TreeBin}). */
    public static boolean mapInternal(String className) {
        return className != null && className.startsWith(MAP_INTERNALS + "$");
    }

    /**
     * The call site in {@code frames} (top first), the strategy of the map it called (the map
     * class's simple name, {@code ConcurrentHashMap}, as the call sites label it), the map's method
     * it called, and the application's code the map was running when the event happened.
     *
     * @param frame     the application's frame that called the map
     * @param strategy  the map class's simple name
     * @param operation the map's method the site called (the map frame just above the site), e.g.
     *                  {@code computeIfAbsent}
     * @param inside    the nearest application frame above the map's top frame (a lambda's body,
     *                  not its generated class): a mapping function
     *                  the map ran (for {@code computeIfAbsent}, {@code compute}, {@code merge}: while
     *                  it held the bin's lock); null when the event happened in the map's own code
     */
    public record Site(
            StackFrame frame, String strategy, String operation, @Nullable StackFrame inside) {

        /** This site without {@link #inside}: where the map was called, whatever it ran. */
        public Site callSite() {
            return inside == null ? this : new Site(frame, strategy, operation, null);
        }
    }

    /** The map called by the site in {@code frames} (top first), or null. */
    @Nullable MapLabels mapOf(List<StackFrame> frames) {
        Site site = siteOf(frames);
        if (site == null) {
            return null;
        }
        String map = mapAt(site);
        return map == null ? null : new MapLabels(map, site.strategy());
    }

    /** The name of the map called at {@code site}, or null: no known site there, or several maps. */
    public @Nullable String mapAt(Site site) {
        StackFrame at = site.frame();
        return sites.mapAt(at.type(), at.method(), at.descriptor(), at.line());
    }

    /** The call site in {@code frames} (top first), or null: no map frame, or the site lies beyond them. */
    public static @Nullable Site siteOf(List<StackFrame> frames) {
        int i = 0;
        while (i < frames.size() && !frames.get(i).type().startsWith(MAP_INTERNALS)) {
            i++;
        }
        if (i >= frames.size()) {
            return null;
        }
        int top = i;
        String mapClass = frames.get(i).type();
        int nested = mapClass.indexOf('$');
        String outer = nested < 0 ? mapClass : mapClass.substring(0, nested);
        String strategy = outer.substring(outer.lastIndexOf('.') + 1);
        while (i < frames.size() && skipped(frames.get(i).type())) {
            i++;
        }
        if (i >= frames.size()) {
            return null;
        }
        String operation = "";
        for (int m = i - 1; m >= top; m--) {
            if (frames.get(m).type().startsWith(MAP_INTERNALS)) {
                operation = frames.get(m).method();
                break;
            }
        }
        StackFrame inside = null;
        for (int a = top - 1; a >= 0 && inside == null; a--) {
            if (application(frames.get(a).type())) {
                inside = frames.get(a);
            }
        }
        return new Site(frames.get(i), strategy, operation, inside);
    }

    /** Application code: not the JDK's, not mapwatch's, not a lambda's generated class (its body's frame is above). */
    private static boolean application(String type) {
        return !type.isEmpty()
                && !type.startsWith(MAPWATCH)
                && !type.contains("$$Lambda")
                && !type.startsWith("java.")
                && !type.startsWith("javax.")
                && !type.startsWith("jdk.")
                && !type.startsWith("sun.")
                && !type.startsWith("com.sun.");
    }

    private static boolean skipped(String type) {
        return type.startsWith(MAP_INTERNALS) || type.startsWith(MAPWATCH);
    }
}
