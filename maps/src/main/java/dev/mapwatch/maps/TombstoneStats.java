package dev.mapwatch.maps;

/**
 * The structural figures of a map that has promotions and tombstones ({@link Strategy#SYNC_MAP}).
 *
 * @param promotions promotions so far
 * @param tombstones tombstones held now
 * @param oldestTombstoneAgeNanos age of the oldest tombstone held now, zero without lifespans
 * @param purged tombstones purged so far
 * @param purgeAgeNanos sum of their ages when purged, zero without lifespans
 */
record TombstoneStats(
        long promotions,
        long tombstones,
        long oldestTombstoneAgeNanos,
        long purged,
        long purgeAgeNanos) {

    static final TombstoneStats NONE = new TombstoneStats(0, 0, 0, 0, 0);
}
