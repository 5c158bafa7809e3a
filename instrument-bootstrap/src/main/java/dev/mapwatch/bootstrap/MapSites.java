package dev.mapwatch.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the rewritten map call sites and what they counted. The agent's transformer
 * {@linkplain #register registers} a name for each call site it rewrites and bakes the returned id
 * into the call; {@link MapCalls} finds the counters by that id. Call sites of one name share their
 * counters, whatever class, class loader or object they run in: a field held by several objects
 * adds up.
 *
 * <p>Lives on the bootstrap class path, so there is one registry per JVM.
 */
public final class MapSites {

    private static final Object LOCK = new Object();
    private static final Map<String, Integer> IDS = new HashMap<>(); // guarded by LOCK
    /**
     * Indexed by id; replaced (copy on write) under LOCK, read without, plainly: an id is
     * registered before the class that uses it is defined, and every thread that runs that class
     * has synchronised with its definition (class loading and initialisation take locks). A stale
     * array would only make {@link #site} answer null: that call is not counted.
     */
    private static Site[] sites = new Site[0];
    private static final Map<String, SiteCounters> COUNTERS = new ConcurrentHashMap<>();

    private MapSites() {
    }

    /** The id of the call sites named {@code name}, registering the name the first time. */
    public static int register(String name) {
        synchronized (LOCK) {
            Integer id = IDS.get(name);
            if (id != null) {
                return id;
            }
            Site[] current = sites;
            Site[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = new Site(name);
            sites = grown;
            IDS.put(name, current.length);
            return current.length;
        }
    }

    /** The number of names registered. */
    public static int names() {
        synchronized (LOCK) {
            return sites.length;
        }
    }

    /** The site of {@code id}; null for an id this registry never gave out. */
    static Site site(int id) {
        Site[] current = sites;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    /** The counters of maps of class {@code strategy} reached through sites named {@code map}. */
    static SiteCounters counters(String map, String strategy) {
        return COUNTERS.computeIfAbsent(map + '\u0000' + strategy, k -> new SiteCounters(map, strategy));
    }

    /**
     * What every name and map class has counted so far, with the sizes of their live maps (read on
     * the calling thread: call it from the agent's own thread, not from application code).
     */
    public static List<SiteStats> snapshot() {
        List<SiteStats> stats = new ArrayList<>(COUNTERS.size());
        for (SiteCounters counters : COUNTERS.values()) {
            stats.add(counters.stats());
        }
        return stats;
    }
}
