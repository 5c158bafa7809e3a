package dev.mapwatch.exporter.maps;

import java.util.Objects;

/**
 * Which {@code mapwatch_map_*} families a map can move, from what its kind of map has: a family
 * that can never move is not exported at all (an absent series, not a zero), so the series budget
 * holds the maps, not zeros. Every map exports its counts ({@code lookups}, {@code puts}, {@code
 * removals}), its {@code size} and {@code counting}; on top of that:
 *
 * <table>
 *   <caption>Families by kind of map</caption>
 *   <tr><th>kind</th><th>{@link #promotions}</th><th>{@link #tombstones}</th><th>{@link #lockWaits}</th></tr>
 *   <tr><td>{@code SYNC_MAP}</td><td>yes</td><td>yes</td><td>yes (the dirty map's lock)</td></tr>
 *   <tr><td>{@code LOCKED}, {@code STRIPED}, {@code SNAPSHOT}</td><td>-</td><td>-</td><td>yes</td></tr>
 *   <tr><td>{@code CONCURRENT}, a JDK or application map of {@code maps=}</td><td>-</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>A value, decided once per kind ({@link #of}); a new capability (e.g. contention attributed to a
 * map from JFR) is one more component and one more case there.
 *
 * @param promotions {@code promotions_total} (and the {@code promotion_seconds} timer, from events)
 * @param tombstones {@code tombstones}, {@code tombstone_oldest_age_seconds}, {@code tombstones_purged_total}
 * @param lockWaits  {@code lock_waits_total}, {@code lock_wait_seconds_total}: the map's own lock
 */
public record MapFamilies(boolean promotions, boolean tombstones, boolean lockWaits) {

    /** Counts and size only: a map with no lock, promotions or tombstones of its own. */
    public static final MapFamilies COUNTS_AND_SIZE = new MapFamilies(false, false, false);

    private static final MapFamilies LOCKING = new MapFamilies(false, false, true);
    private static final MapFamilies SYNC_MAP = new MapFamilies(true, true, true);

    /**
     * The families of a map of {@code strategy}: a maps-library {@code Strategy} name, or the simple
     * class name of a map counted through {@code maps=} ({@code ConcurrentHashMap}, ...).
     */
    public static MapFamilies of(String strategy) {
        return switch (Objects.requireNonNull(strategy, "strategy")) {
            case "SYNC_MAP" -> SYNC_MAP;
            case "LOCKED", "STRIPED", "SNAPSHOT" -> LOCKING;
            default -> COUNTS_AND_SIZE;
        };
    }

    /** The families of either: what a series adding up maps of both kinds must export. */
    public MapFamilies union(MapFamilies other) {
        return new MapFamilies(
                promotions || other.promotions,
                tombstones || other.tombstones,
                lockWaits || other.lockWaits);
    }

    /** Whether every family of {@code other} is one of these. */
    public boolean covers(MapFamilies other) {
        return union(other).equals(this);
    }
}
