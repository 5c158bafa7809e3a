package dev.mapwatch.maps;

import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The live {@link Counting#SAMPLED} counting of the JVM (maps, and {@link MapCounters} created
 * for code that counts its own), which the sampler thread opens and closes at every window edge
 * ({@link SamplingWindows}).
 *
 * <p>Each window edge writes one field of every live target: 25 to 50 ns a target when its line
 * is in a cache (measured: 26 µs per window for 1 000 sampled maps, 0.65 % of a core at 250
 * windows a second; 490 µs and 12 % for 10 000), more when it is not. So the number of targets is
 * bounded, {@value #DEFAULT_MAX_TARGETS} by default ({@value #MAX_TARGETS_PROPERTY}): counters
 * created while that many are live count exactly instead, and say so ({@link
 * MapCounters#counting()}, and the exporters' counting label); a warning is logged once. The bound
 * is checked before a target is added, so concurrent creations may pass it by a few.
 *
 * <p>Targets are held weakly, so that a map that is no longer used is collected as before; the
 * references cleared by the collector are dropped during the next close. Adding takes this
 * class's lock, as does a window edge, which holds it for one field write per live target; a
 * target added while a window is open opens at once.
 */
final class WindowTargets {

    static final String MAX_TARGETS_PROPERTY = "mapwatch.sampling.maxMaps";
    static final int DEFAULT_MAX_TARGETS = 1024;

    private static final System.Logger LOG = System.getLogger(WindowTargets.class.getName());
    private static final int MAX_TARGETS =
            IntProperty.read(MAX_TARGETS_PROPERTY, DEFAULT_MAX_TARGETS, 1, 1 << 20, LOG);

    private static final Object LOCK = new Object();

    @SuppressWarnings("unchecked")
    private static WeakReference<WindowTarget>[] targets = new WeakReference[16]; // guarded by LOCK

    private static int size; // guarded by LOCK

    /** The weight of the open window, zero when closed. Guarded by LOCK. */
    private static int openWeight;

    private static boolean warned; // guarded by LOCK

    private WindowTargets() {}

    /**
     * Whether a new target may be added: false once as many targets as {@value
     * #MAX_TARGETS_PROPERTY} allows are held (live, or collected and not yet forgotten), and then
     * logs a warning the first time.
     */
    static boolean hasRoom() {
        synchronized (LOCK) {
            if (size < MAX_TARGETS) {
                return true;
            }
            if (!warned) {
                warned = true;
                LOG.log(
                        Level.WARNING,
                        "mapwatch: "
                                + MAX_TARGETS
                                + " sampled maps are live; further ones count"
                                + " exactly (raise -D"
                                + MAX_TARGETS_PROPERTY
                                + " to sample more, at a cost to the sampler thread)");
            }
            return false;
        }
    }

    /** Adds a new target; they count from the next window on (or this one, if open). */
    static void add(WindowTarget sampled) {
        synchronized (LOCK) {
            if (size == targets.length) {
                targets = Arrays.copyOf(targets, size * 2);
            }
            targets[size++] = new WeakReference<>(sampled);
            if (openWeight != 0) {
                sampled.openWindow(openWeight);
            }
        }
    }

    /** Opens a window of weight {@code weight} on every live target. */
    static void open(int weight) {
        synchronized (LOCK) {
            openWeight = weight;
            for (int i = 0; i < size; i++) {
                WindowTarget c = targets[i].get();
                if (c != null) {
                    c.openWindow(weight);
                }
            }
        }
    }

    /** Closes the window on every live target, and forgets the collected ones. */
    static void close() {
        synchronized (LOCK) {
            openWeight = 0;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                WeakReference<WindowTarget> ref = targets[i];
                WindowTarget c = ref.get();
                if (c != null) {
                    c.closeWindow();
                    targets[kept++] = ref;
                }
            }
            Arrays.fill(targets, kept, size, null);
            size = kept;
        }
    }

    /** The number of targets held, live or not yet forgotten. */
    static int size() {
        synchronized (LOCK) {
            return size;
        }
    }
}
