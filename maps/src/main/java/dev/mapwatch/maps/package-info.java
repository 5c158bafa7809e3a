/**
 * Concurrent maps that count what happens to them, and publish it as JFR events.
 *
 * <p>Start at {@link dev.mapwatch.maps.MapWatch}: {@code newMap(name, strategy)} creates a map of
 * one of the {@link dev.mapwatch.maps.Strategy strategies}, {@code instrument(name, map)} counts
 * around an existing {@link java.util.concurrent.ConcurrentMap}, {@code builder(name)} sets the
 * options. Every map is a {@link dev.mapwatch.maps.WatchedMap}: a full {@code ConcurrentMap} whose
 * {@link dev.mapwatch.maps.WatchedMap#stats() stats()} returns a {@link
 * dev.mapwatch.maps.MapStats} snapshot. {@code builder(name).counting(..)} chooses how operations are
 * counted ({@link dev.mapwatch.maps.Counting}: exactly, by default; sampled, as estimates at a
 * fraction of the cost; or not at all); {@link dev.mapwatch.maps.MapCounters} is the same counting
 * for code that counts maps of its own.
 *
 * <p>JFR events, category {@code mapwatch}: {@code mapwatch.MapStatistics} (periodic, every
 * second by default, one per live map), {@code mapwatch.MapPromotion} (a {@code SYNC_MAP}
 * promotion, with the number of entries promoted) and {@code mapwatch.MapLockWait} (a contended
 * lock acquisition at least the map's threshold long, with mode {@code read} or {@code write}).
 * They cost nothing while no recording enables them.
 *
 * <p>The library depends on nothing but the JDK (module {@code jdk.jfr} for events; without it
 * the maps work and emit nothing).
 */
package dev.mapwatch.maps;
