package dev.mapwatch.report;

import dev.mapwatch.exporter.jfr.MapSiteResolver;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The agent's rewritten call sites as its {@code mapwatch.MapCallSite} events name them (class,
 * method, descriptor, line and map; once per chunk), as the exporter's {@link MapSiteResolver}, so
 * that the report names the map of a stack trace exactly as the live side does. A location named
 * with two maps (in one event: {@code map} empty; or in two chunks) names none. At most
 * {@value #MAX_SITES} locations are kept (one entry each); the rest name no map.
 */
final class RecordedCallSites implements MapSiteResolver {
    static final int MAX_SITES = 100_000;
    private static final String AMBIGUOUS = "\u0000ambiguous";

    private record Place(String className, String method, String descriptor, int line) {}

    private final Map<Place, String> names = new HashMap<>();

    /** Adds the site of one {@code mapwatch.MapCallSite} event. */
    void add(RecordedEvent event) {
        String className = Events.stringField(event, "className", null);
        String method = Events.stringField(event, "method", null);
        if (className == null || method == null) {
            return;
        }
        Place place =
                new Place(
                        className.replace('/', '.'),
                        method,
                        Events.stringField(event, "descriptor", ""),
                        event.hasField("line") ? Math.max(event.getInt("line"), -1) : -1);
        if (names.size() >= MAX_SITES && !names.containsKey(place)) {
            return;
        }
        String map = Events.stringField(event, "map", AMBIGUOUS);
        names.merge(place, map, (known, added) -> known.equals(added) ? known : AMBIGUOUS);
    }

    /** Distinct call-site locations read. */
    int size() {
        return names.size();
    }

    @Override
    public String mapAt(String className, String method, String descriptor, int line) {
        String name = names.get(new Place(className, method, descriptor, Math.max(line, -1)));
        return name == null || name.equals(AMBIGUOUS) ? null : name;
    }
}
