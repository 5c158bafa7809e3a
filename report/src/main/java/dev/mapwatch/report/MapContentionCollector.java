package dev.mapwatch.report;

import dev.mapwatch.exporter.jfr.MapAttribution;
import dev.mapwatch.exporter.jfr.MapAttribution.Site;
import dev.mapwatch.exporter.jfr.StackFrame;
import dev.mapwatch.maps.MapEventNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Lock contention named by map, with the live side's attribution ({@link MapAttribution}, shared
 * with the exporter): a {@code jdk.JavaMonitorEnter} or {@code jdk.ThreadPark} on a map's internal
 * lock counts on the map called at its stack's call site, as {@code mapwatch.MapCallSite} names it.
 * The recording has no holder's stack for a wait; what it shows of the holders are the contention
 * events of threads blocked inside a mapping function of {@code computeIfAbsent}, {@code compute},
 * {@code computeIfPresent} or {@code merge} (frames of the application above the map's frame):
 * the map runs those functions in the bin's lock, so such a thread held a lock of that map.
 *
 * <p>The call sites may come after the waits in the file (they are written at each chunk's end),
 * so waits are kept by distinct site (at most {@value #MAX_SITES} each for waiters and holders;
 * beyond that a wait counts as unattributed) and named at the end. Cost per contention event: a
 * copy of its frames (the recorded depth) and one look-up.
 */
final class MapContentionCollector implements EventCollector {
    static final int MAX_SITES = 10_000;

    /** The map operations that run the caller's function inside the bin's lock. */
    static final Set<String> LOCKED_FUNCTIONS =
            Set.of("computeIfAbsent", "compute", "computeIfPresent", "merge");

    private static final class Cell {
        long count;
        long total;
        long max;

        void add(long count, long total, long max) {
            this.count += count;
            this.total += total;
            this.max = Math.max(this.max, max);
        }

        void add(Cell other) {
            add(other.count, other.total, other.max);
        }
    }

    private static final class MapState {
        final String strategy;
        final Cell waits = new Cell();
        final BoundedTally waitingSites = new BoundedTally();
        final BoundedTally holdingSites = new BoundedTally();

        MapState(String strategy) {
            this.strategy = strategy;
        }
    }

    private final Map<Site, Cell> waiters = new HashMap<>();
    private final Map<Site, Cell> holders = new HashMap<>();
    private final Cell unattributed = new Cell();
    private final RecordedCallSites sites = new RecordedCallSites();

    @Override
    public Set<String> eventTypes() {
        return Set.of(
                ContentionCollector.MONITOR_ENTER,
                ContentionCollector.THREAD_PARK,
                MapEventNames.CALL_SITE);
    }

    @Override
    public void accept(RecordedEvent event) {
        String type = event.getEventType().getName();
        if (type.equals(MapEventNames.CALL_SITE)) {
            sites.add(event);
            return;
        }
        String lockField =
                type.equals(ContentionCollector.MONITOR_ENTER) ? "monitorClass" : "parkedClass";
        RecordedClass lock = event.hasField(lockField) ? event.getClass(lockField) : null;
        boolean mapLock = lock != null && MapAttribution.mapInternal(lock.getName());
        Site site = MapAttribution.siteOf(StackFrame.of(event.getStackTrace()));
        long nanos = event.getDuration().toNanos();
        if (mapLock) {
            if (site == null || !add(waiters, site.callSite(), nanos)) {
                unattributed.add(1, nanos, nanos);
            }
        } else if (site != null
                && site.inside() != null
                && LOCKED_FUNCTIONS.contains(site.operation())) {
            add(holders, site, nanos);
        }
    }

    private static boolean add(Map<Site, Cell> cells, Site site, long nanos) {
        Cell cell = cells.get(site);
        if (cell == null) {
            if (cells.size() >= MAX_SITES) {
                return false;
            }
            cell = new Cell();
            cells.put(site, cell);
        }
        cell.add(1, nanos, nanos);
        return true;
    }

    MapContentionReport result(int top) {
        MapAttribution attribution = MapAttribution.of(sites);
        Map<String, MapState> maps = new LinkedHashMap<>();
        Cell unnamed = new Cell();
        unnamed.add(unattributed);
        waiters.forEach(
                (site, cell) -> {
                    String map = attribution.mapAt(site);
                    if (map == null) {
                        unnamed.add(cell);
                        return;
                    }
                    MapState state = maps.computeIfAbsent(map, m -> new MapState(site.strategy()));
                    state.waits.add(cell);
                    state.waitingSites.add(waitingSite(site), cell.count, cell.total, cell.max);
                });
        holders.forEach(
                (site, cell) -> {
                    MapState state = maps.get(attribution.mapAt(site));
                    if (state
                            != null) { // a map nobody waited on is not contended, however long its
                        // functions ran
                        state.holdingSites.add(holdingSite(site), cell.count, cell.total, cell.max);
                    }
                });
        BoundedTally byMap = new BoundedTally();
        maps.forEach(
                (map, state) ->
                        byMap.add(map, state.waits.count, state.waits.total, state.waits.max));
        Ranking ranking = byMap.top(top);
        List<MapContention> details = new ArrayList<>();
        for (Tally t : ranking.top()) {
            MapState state = maps.get(t.name());
            details.add(
                    new MapContention(
                            t.name(),
                            state.strategy,
                            t,
                            state.waitingSites.top(top),
                            state.holdingSites.top(top)));
        }
        return new MapContentionReport(
                ranking,
                details,
                new Tally("unattributed", unnamed.count, unnamed.total, unnamed.max),
                sites.size());
    }

    /** {@code Class.method:line (operation)}: where the waiters called the map. */
    static String waitingSite(Site site) {
        return frame(site.frame()) + " (" + site.operation() + ")";
    }

    /** {@code function (operation at Class.method:line)}: the mapping function and where the map was called. */
    static String holdingSite(Site site) {
        return frame(site.inside()) + " (" + site.operation() + " at " + frame(site.frame()) + ")";
    }

    private static String frame(StackFrame frame) {
        return Events.frameName(frame.type(), frame.method(), frame.line());
    }
}
