package dev.mapwatch.report;

import java.util.List;

/**
 * Lock contention by map (weights in nanoseconds): the waits on maps' internal locks whose stacks
 * name a call site of the agent's {@code maps=} ({@code mapwatch.MapCallSite} events), attributed
 * as the live {@code mapwatch_map_lock_contention_seconds} is.
 *
 * @param byMap        the maps ranked by time waited
 * @param maps         the maps of {@code byMap.top()}, in its order, with their sites
 * @param unattributed waits on a map's internal lock whose stack names no known call site (no
 *                     {@code maps=}, a site beyond the recorded stack depth, or two maps at one line):
 *                     they count on the lock's class row only, never on a wrong map
 * @param callSites    call-site locations the recording names
 */
public record MapContentionReport(
        Ranking byMap, List<MapContention> maps, Tally unattributed, int callSites) {
    public MapContentionReport {
        maps = List.copyOf(maps);
    }

    /** Nothing on maps. */
    public static MapContentionReport empty() {
        return new MapContentionReport(
                Ranking.empty(), List.of(), new Tally("unattributed", 0, 0, 0), 0);
    }
}
