package dev.mapwatch.report;

/**
 * The waits on one map's internal locks (a {@code ConcurrentHashMap} bin, its {@code
 * ReservationNode}, a {@code TreeBin}), named by the call site of the waiters' stacks, and what the
 * recording shows of the threads that held them (weights in nanoseconds).
 *
 * @param map           the map's name, as on {@code /metrics}
 * @param strategy      the map class's simple name, e.g. {@code ConcurrentHashMap}
 * @param waits         the waits: count, total and longest
 * @param waitingSites  where the waiters called the map: {@code Class.method:line (operation)}
 * @param holdingSites  mapping functions seen blocked (parked, or waiting for a monitor) while the
 *                      map ran them, so while they held a bin lock of it: {@code function (operation
 *                      at site)}; empty when the functions did nothing the recording records (a
 *                      {@code Thread.sleep}, a socket read, plain CPU work), and the holder is then
 *                      known only from the waiters
 */
public record MapContention(
        String map, String strategy, Tally waits, Ranking waitingSites, Ranking holdingSites) {}
