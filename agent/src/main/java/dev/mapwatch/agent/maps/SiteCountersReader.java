package dev.mapwatch.agent.maps;

import dev.mapwatch.bootstrap.CacheFigures;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteStats;
import dev.mapwatch.exporter.maps.BoundedMapMeters;
import dev.mapwatch.exporter.maps.MapCacheMeters;
import dev.mapwatch.exporter.maps.MapComputeMeters;
import dev.mapwatch.instrument.MapsSelection;
import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import java.util.Set;

/**
 * Reads what the rewritten call sites counted ({@link MapSites}, on the bootstrap class path) into
 * the map series budget, with the mode each counted in, so that {@code mapwatch_map_counting}
 * marks sampled figures as estimates, and the rank of the map's package in {@code maps=} ({@link
 * MapsSelection#priorityOf}), so that under a tight budget the application's own packages, listed
 * first, win over a framework's listed later. A class of its own so that it loads, and resolves {@code
 * MapSites}, only after the bootstrap jar was appended.
 */
final class SiteCountersReader {

    private final BoundedMapMeters meters;
    private final MapComputeMeters computeMeters;
    private final MapCacheMeters cacheMeters;
    private final MapsSelection selection;

    SiteCountersReader(
            BoundedMapMeters meters,
            MapComputeMeters computeMeters,
            MapCacheMeters cacheMeters,
            MapsSelection selection) {
        this.meters = meters;
        this.computeMeters = computeMeters;
        this.cacheMeters = cacheMeters;
        this.selection = selection;
    }

    /**
     * One pass: each name and map class with its cumulative counters, the size of its live maps and
     * the runs of its mapping functions, and for a cache its loads and evictions.
     */
    void read() {
        for (String[] gone : MapSites.shadowed()) {
            // a cache now counted by its Spring name instead
            meters.forget(gone[0], gone[1]);
            cacheMeters.forget(gone[0], gone[1]);
        }
        for (SiteStats site : MapSites.snapshot()) {
            meters.record(
                    site.map(),
                    site.strategy(),
                    Set.of(Counting.valueOf(site.counting())),
                    selection.priorityOf(site.map()),
                    new MapStats(
                            site.hits(),
                            site.misses(),
                            site.puts(),
                            site.removals(),
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            site.size()));
            computeMeters.record(
                    site.map(),
                    site.strategy(),
                    site.computeRuns(),
                    site.computeNanos(),
                    site.computeMaxNanos());
            CacheFigures cache = site.cache();
            cacheMeters.record(
                    site.map(),
                    site.strategy(),
                    cache.loadSuccesses(),
                    cache.loadFailures(),
                    cache.loadNanos(),
                    cache.evictions());
        }
    }
}
