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

    /** Whether a lock of class {@code className} is a map's internal lock (a bin's node, a {@code TreeBin}). */
    public static boolean mapInternal(String className) {
        return className != null && className.startsWith(MAP_INTERNALS + "$");
    }

    /**
     * The call site in {@code frames} (top first) and the strategy of the map it called: the map
     * class's simple name ({@code ConcurrentHashMap}), as the call sites label it.
     *
     * @param frame    the application's frame that called the map
     * @param strategy the map class's simple name
     */
    public record Site(StackFrame frame, String strategy) {}

    /** The map called by the site in {@code frames} (top first), or null. */
    @Nullable MapLabels mapOf(List<StackFrame> frames) {
        Site site = siteOf(frames);
        if (site == null) {
            return null;
        }
        StackFrame at = site.frame();
        String map = sites.mapAt(at.type(), at.method(), at.descriptor(), at.line());
        return map == null ? null : new MapLabels(map, site.strategy());
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
        String mapClass = frames.get(i).type();
        int nested = mapClass.indexOf('$');
        String outer = nested < 0 ? mapClass : mapClass.substring(0, nested);
        String strategy = outer.substring(outer.lastIndexOf('.') + 1);
        while (i < frames.size() && skipped(frames.get(i).type())) {
            i++;
        }
        return i < frames.size() ? new Site(frames.get(i), strategy) : null;
    }

    private static boolean skipped(String type) {
        return type.startsWith(MAP_INTERNALS) || type.startsWith(MAPWATCH);
    }
}
