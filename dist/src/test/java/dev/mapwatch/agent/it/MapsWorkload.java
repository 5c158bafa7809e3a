package dev.mapwatch.agent.it;

import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The maps part of {@link Workload}, in its own class so applications without the maps library
 * never load it. The application uses its own, unrelocated mapwatch-maps; the agent sees the
 * maps only through their JFR events.
 */
final class MapsWorkload {

    /** Strongly held: the maps' registry is weak, and a collected map stops reporting. */
    private static final List<WatchedMap<String, Integer>> MAPS = new ArrayList<>();

    private MapsWorkload() {}

    /** A map named {@code name}: one entry, then exactly {@code hits} hits and {@code misses} misses. */
    static boolean lookups(String name, Strategy strategy, int hits, int misses) {
        WatchedMap<String, Integer> map = MapWatch.newMap(name, strategy);
        MAPS.add(map);
        map.put("present", 1);
        for (int i = 0; i < hits; i++) {
            Workload.sink = map.get("present");
        }
        for (int i = 0; i < misses; i++) {
            Workload.sink = map.get("absent-" + i);
        }
        return true;
    }
}
