package dev.mapwatch.maps;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live maps, referenced weakly: a map nobody else references is collected and leaves the
 * registry (and so the statistics) after a garbage collection.
 *
 * <p>The number of distinct names among registered maps is bounded ({@link #MAX_NAMES_PROPERTY},
 * default {@value #DEFAULT_MAX_NAMES}), which bounds the metric series the maps produce. Several
 * maps may share a name; a map whose name is new once the bound is reached still works but is not
 * registered: it is absent from {@link MapWatch#liveMaps()} and from JFR, {@link
 * #unregisteredMaps()} counts it, and the first such map logs one warning through {@link
 * System.Logger}. A name is free again once every map carrying it has been collected.
 */
final class MapRegistry {

    /** System property bounding the number of distinct map names, read once. */
    static final String MAX_NAMES_PROPERTY = "mapwatch.maps.maxNames";

    static final int DEFAULT_MAX_NAMES = 1000;

    private static final System.Logger LOG = System.getLogger(MapRegistry.class.getName());

    private final int maxNames;
    private final ReferenceQueue<WatchedMap<?, ?>> collected = new ReferenceQueue<>();
    private final Set<NamedRef> refs = new LinkedHashSet<>();
    private final Map<String, Integer> mapsPerName = new HashMap<>();
    private final AtomicLong unregistered = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    MapRegistry(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("maxNames must be at least 1, got " + maxNames);
        }
        this.maxNames = maxNames;
    }

    /** The registry behind {@link MapWatch}, bounded by {@link #MAX_NAMES_PROPERTY}. */
    static MapRegistry fromSystemProperty() {
        return new MapRegistry(
                IntProperty.read(MAX_NAMES_PROPERTY, DEFAULT_MAX_NAMES, 1, Integer.MAX_VALUE, LOG));
    }

    int maxNames() {
        return maxNames;
    }

    /** Registers {@code map}; false when its name is new and the bound is reached. */
    synchronized boolean register(WatchedMap<?, ?> map) {
        expungeCollected();
        String name = map.name();
        if (!mapsPerName.containsKey(name) && mapsPerName.size() >= maxNames) {
            unregistered.incrementAndGet();
            if (warned.compareAndSet(false, true)) {
                LOG.log(
                        Level.WARNING,
                        "mapwatch: more than "
                                + maxNames
                                + " distinct map names; map '"
                                + name
                                + "' and further new names work but are not reported. Reuse names or raise -D"
                                + MAX_NAMES_PROPERTY);
            }
            return false;
        }
        refs.add(new NamedRef(map, collected));
        mapsPerName.merge(name, 1, Integer::sum);
        return true;
    }

    /** An unmodifiable snapshot of the registered maps still alive, in registration order. */
    synchronized List<WatchedMap<?, ?>> liveMaps() {
        expungeCollected();
        List<WatchedMap<?, ?>> live = new ArrayList<>(refs.size());
        for (NamedRef ref : refs) {
            WatchedMap<?, ?> map = ref.get();
            if (map != null) {
                live.add(map);
            }
        }
        return Collections.unmodifiableList(live);
    }

    /** Maps not registered because the name bound was reached. */
    long unregisteredMaps() {
        return unregistered.get();
    }

    /** The number of distinct names among registered maps still alive or not yet expunged. */
    synchronized int names() {
        expungeCollected();
        return mapsPerName.size();
    }

    private void expungeCollected() {
        for (Reference<? extends WatchedMap<?, ?>> r; (r = collected.poll()) != null; ) {
            NamedRef ref = (NamedRef) r;
            if (refs.remove(ref)) {
                mapsPerName.computeIfPresent(
                        ref.name, (name, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** A weak reference remembering the name, which is needed after the map is gone. */
    private static final class NamedRef extends WeakReference<WatchedMap<?, ?>> {
        final String name;

        NamedRef(WatchedMap<?, ?> map, ReferenceQueue<WatchedMap<?, ?>> queue) {
            super(map, queue);
            this.name = map.name();
        }
    }
}
