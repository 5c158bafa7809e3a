package dev.mapwatch.bootstrap;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapCounters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The names of the rewritten map call sites and what they counted. The agent's transformer
 * {@linkplain #register registers} a name for each call site it rewrites and bakes the returned id
 * into the call; {@link CallResults} and {@link MapFunctions} find the counters by that id. Call sites of one name share their
 * counters, whatever class, class loader or object they run in: a field held by several objects
 * adds up.
 *
 * <p>How the sites count (the agent option {@code mapsCounting}) is set once, by the agent, with
 * {@link #counting(String)} before it registers its transformer: every name and map class then
 * counts in that mode.
 *
 * <p>Lives on the bootstrap class path, so there is one registry per JVM.
 */
public final class MapSites {

    private static final Object LOCK = new Object();
    private static final Map<String, Integer> IDS = new HashMap<>(); // guarded by LOCK
    private static int count; // guarded by LOCK

    /**
     * The names and the current binding of each id. Both grow (doubling, copied) under LOCK; they
     * are read without it, plainly: an id is registered before the class that uses it is defined,
     * and every thread that runs that class has synchronised with its definition (class loading
     * and initialisation take locks). A stale or racing read only makes a call go uncounted, or
     * a binding be made again.
     */
    private static String[] names = new String[64];

    private static Binding[] bindings = newBindings(64);
    private static final Map<String, SiteCounters> COUNTERS = new ConcurrentHashMap<>();

    /** The mode of counters created from now on; read when a name first binds a map class (slow path). */
    private static volatile Counting counting = Counting.EXACT;

    private MapSites() {}

    private static Binding[] newBindings(int capacity) {
        Binding[] fresh = new Binding[capacity];
        Arrays.fill(fresh, Binding.NONE);
        return fresh;
    }

    /** The id of the call sites named {@code name}, registering the name the first time. */
    public static int register(String name) {
        synchronized (LOCK) {
            Integer known = IDS.get(name);
            if (known != null) {
                return known;
            }
            int id = count;
            if (id == names.length) {
                Binding[] grown = newBindings(2 * id);
                System.arraycopy(bindings, 0, grown, 0, id);
                names = Arrays.copyOf(names, 2 * id);
                bindings = grown;
            }
            names[id] = name;
            count = id + 1;
            IDS.put(name, id);
            return id;
        }
    }

    /** The number of names registered. */
    public static int names() {
        synchronized (LOCK) {
            return count;
        }
    }

    /** The binding of site {@code id} for a receiver of class {@code type}: one load and a compare when it is the last one seen. */
    static Binding binding(int id, Class<?> type) {
        Binding[] all = bindings;
        if (id >= 0 && id < all.length) {
            Binding binding = all[id];
            if (binding.type() == type) {
                return binding;
            }
        }
        return bind(id, type);
    }

    private static Binding bind(int id, Class<?> type) {
        String[] known = names;
        String name = id >= 0 && id < known.length ? known[id] : null;
        if (name == null) {
            return Binding.NONE; // an id this registry never gave out: not counted
        }
        Binding binding = Binding.of(name, type);
        Binding[] all = bindings;
        if (id < all.length) {
            all[id] = binding;
        }
        return binding;
    }

    /** The cache counters each builder site used last (builds are rare: a map lookup is fine). */
    private static final Map<Integer, SiteCounters> CACHE_SITES = new ConcurrentHashMap<>();

    /**
     * The counters of the caches built at site {@code id} with {@code library}, or null for an id
     * this registry never gave out.
     */
    static SiteCounters cacheCounters(int id, CacheLibrary library) {
        String[] known = names;
        String name = id >= 0 && id < known.length ? known[id] : null;
        if (name == null) {
            return null;
        }
        SiteCounters counters = cacheSiteCounters(name, library.strategy());
        counters.countsCaches(library::size);
        CACHE_SITES.put(id, counters);
        return counters;
    }

    /** The counters of the Spring caches named {@code name}, whose sizes {@code size} tells. */
    static SiteCounters springCounters(String name, ToLongFunction<Object> size) {
        SiteCounters counters = cacheSiteCounters(name, SpringCaches.STRATEGY);
        counters.countsCaches(size);
        return counters;
    }

    /** The counters {@link #cacheCounters} last gave site {@code id}, or null. */
    static SiteCounters cacheCountersIfBound(int id) {
        return CACHE_SITES.get(id);
    }

    /** The counters of maps of class {@code strategy} reached through sites named {@code map}. */
    static SiteCounters counters(String map, String strategy) {
        return counters(map, strategy, counting);
    }

    /**
     * The counters of caches of kind {@code strategy} named {@code map}: they count in their {@link
     * CacheCounters}, exactly, so their map counters are {@code OFF} (no cells, nothing for the
     * sampler to visit).
     */
    private static SiteCounters cacheSiteCounters(String map, String strategy) {
        return counters(map, strategy, Counting.OFF);
    }

    private static SiteCounters counters(String map, String strategy, Counting mode) {
        return COUNTERS.computeIfAbsent(
                map + '\u0000' + strategy, k -> new SiteCounters(map, strategy, mode));
    }

    /**
     * Sets how the counters created from now on count: {@code mode} is the name of a {@code
     * Counting} constant of the maps library ({@code EXACT}, the default, {@code SAMPLED} or {@code
     * OFF}; a name, because that enum is relocated differently in this jar and in the agent's).
     * Counters created before keep their mode, so the agent calls this before any call site runs.
     *
     * <p>{@code SAMPLED} starts the sampler thread ({@code mapwatch-sampler}) here, on the caller's
     * thread (the agent's), rather than on the application thread that would first count: a thread
     * inherits its creator's context class loader and inheritable thread-locals, which a JVM-long
     * thread must not pin. If it cannot start, the sites count exactly.
     *
     * @return the mode the sites will actually count in: {@code mode}, or {@code EXACT} when
     *         {@code SAMPLED} has no sampler thread
     * @throws IllegalArgumentException when {@code mode} names no constant
     */
    public static String counting(String mode) {
        Counting wanted = Counting.valueOf(mode);
        Counting actual = MapCounters.create(wanted).counting();
        counting = actual;
        return actual.name();
    }

    /** How the counters created from now on count: the name of the {@code Counting} constant. */
    public static String counting() {
        return counting.name();
    }

    /**
     * What every name and map class has counted so far, with the sizes of their live maps (read on
     * the calling thread: call it from the agent's own thread, not from application code).
     */
    public static List<SiteStats> snapshot() {
        List<SiteStats> stats = new ArrayList<>(COUNTERS.size());
        for (SiteCounters counters : COUNTERS.values()) {
            if (!counters.shadowed) {
                stats.add(counters.stats());
            }
        }
        return stats;
    }

    /**
     * The names and classes no longer reported because a Spring cache wraps their cache ({@link
     * #shadowCachesOf}): the reader drops their series.
     */
    public static List<String[]> shadowed() {
        List<String[]> gone = new ArrayList<>();
        for (SiteCounters counters : COUNTERS.values()) {
            if (counters.shadowed) {
                gone.add(new String[] {counters.map(), counters.strategy()});
            }
        }
        return gone;
    }

    /**
     * A Spring cache wraps {@code nativeCache}: a cache built at a counted site is then counted by
     * Spring's name only, not twice.
     */
    static void shadowCachesOf(Object nativeCache) {
        for (SiteCounters counters : CACHE_SITES.values()) {
            if (counters.tracks(nativeCache)) {
                counters.shadowed = true;
            }
        }
    }
}
